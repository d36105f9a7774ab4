export { MultiAzNetwork, NETWORK_TYPE } from "./multiAzNetwork";
export { MultiAzNetworkArgs, NatGatewayMode, networkDefaults } from "./args";
export { validateNetworkArgs } from "./validate";
export { parseCidr, formatCidr, carve, Cidr } from "./cidr";
