export { Fleet, FLEET_TYPE } from "./fleet";
export { FleetArgs, FleetCapacity, FleetEgressRule, fleetDefaults } from "./args";
export { USER_DATA_MAX_BYTES, validateFleetArgs } from "./validate";
export { healthResponderUserData, HealthResponderSpec } from "./responder";
