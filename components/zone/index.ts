export { ZoneSpec, ZoneCreate } from "./args";
export { isDnsName, isInZone, normalizeDnsName, validateZoneSpec, NameInZone } from "./validate";
