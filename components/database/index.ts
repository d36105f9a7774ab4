export { GlobalDatabase, GLOBAL_DATABASE_TYPE } from "./globalDatabase";
export {
    GlobalDatabaseArgs,
    AuroraEngine,
    DatabaseNetwork,
    globalDatabaseDefaults,
    GLOBAL_DB_RPO_RANGE,
    INSTANCE_CLASS,
} from "./args";
export { validateGlobalDatabaseArgs, supportsWriteForwarding } from "./validate";
