export { ZoneSpec } from "./args";
export { isDnsName, isInZone, normalizeDnsName, validateZoneSpec, NameInZone } from "./validate";
