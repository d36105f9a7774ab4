export { ZoneSpec, ZoneCreate, zoneDefaults } from "./args";
export { isDnsName, isInZone, normalizeDnsName, validateZoneSpec, NameInZone } from "./validate";
