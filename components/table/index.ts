export { GlobalTable, GLOBAL_TABLE_TYPE } from "./globalTable";
export {
    GlobalTableArgs,
    TableKey,
    TableKeyType,
    TableConsistency,
    TableBillingMode,
    TableCapacity,
    globalTableDefaults,
    MRSC_REGION_SETS,
} from "./args";
export { validateGlobalTableArgs } from "./validate";
