export {
    FailoverAutomation,
    FAILOVER_AUTOMATION_TYPE,
    PROBE_RUNTIME,
    FailoverDocumentNames,
} from "./failoverAutomation";
export {
    FailoverAutomationArgs,
    AlarmEvaluation,
    ProbeArgs,
    DnsWitnessArgs,
    RaisedFleet,
    PromotedDatabase,
    HeadlessInstance,
    FailoverMode,
    failoverDefaults,
    failoverLimits,
} from "./args";
export { validateFailoverAutomationArgs } from "./validate";
export { canaryScript, raiseSteps, promotionSteps } from "./documents";
