export { drReport, rtoParts, rpoParts } from "./report";
export { drAssumptions } from "./assumptions";
export { formatSeconds } from "./format";
export { DrModelInput, DrReport, DrPart, DrFinding, FleetRecovery, RuleRecovery, Sourced, DrStrategyName } from "./model";
