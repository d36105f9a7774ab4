export { FailoverAutomation, FAILOVER_AUTOMATION_TYPE, PROBE_RUNTIME } from "./failoverAutomation";
export {
    FailoverAutomationArgs,
    AlarmEvaluation,
    ProbeArgs,
    TrafficWitnessArgs,
    RaisedFleet,
    PromotedDatabase,
    failoverDefaults,
    failoverLimits,
} from "./args";
export { validateFailoverAutomationArgs } from "./validate";
export { probeScript, raiseSteps, promotionSteps } from "./documents";
