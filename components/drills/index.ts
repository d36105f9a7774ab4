export { DrillTemplates, DRILL_TEMPLATES_TYPE } from "./drillTemplates";
export {
    DrillTemplatesArgs,
    AzFailureDrillArgs,
    ApplicationLossDrillArgs,
    DrillOverrunArgs,
    DrillExpectation,
    drillDefaults,
} from "./args";
export { validateDrillTemplatesArgs, drillDescription, FIS_LIMITS } from "./validate";
