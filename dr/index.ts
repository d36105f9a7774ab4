export { drReport, rtoParts, rpoParts } from "./report";
export { drAssumptions } from "./assumptions";
export { formatSeconds } from "./format";
export { backedUpResourceTypes, BACKUP_RESOURCE_TYPES, CONTINUOUS_BACKUP_RESOURCE_TYPES } from "./resourceTypes";
export {
    DrModelInput,
    DrReport,
    DrPart,
    DrCandidate,
    DrRpoClass,
    DrFinding,
    FleetRecovery,
    RuleRecovery,
    BackedUpType,
    Sourced,
    DrStrategyName,
    DrDisruption,
    DrDisruptionType,
    DrAssumption,
    DrPremise,
    DrImmutableCopy,
    Assumed,
    AzInput,
    CorruptionInput,
    CdnReadPath,
    DrRequestPath,
    FailoverInput,
} from "./model";
export { requestPaths, requestPathLines } from "./requestPaths";
export { fleetScaleOuts, fullSizeOf, scaleOutSteps, probeSeconds } from "./failover";
