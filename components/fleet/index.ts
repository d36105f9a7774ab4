export { Fleet, FLEET_TYPE } from "./fleet";
export { FleetArgs, FleetCapacity, fleetDefaults } from "./args";
export { validateFleetArgs } from "./validate";
