export { GlobalTable, GLOBAL_TABLE_TYPE } from "./globalTable";
export { GlobalTableArgs, TableKey, globalTableDefaults, MRSC_REGION_SETS } from "./args";
export { validateGlobalTableArgs } from "./validate";
