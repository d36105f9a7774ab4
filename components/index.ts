/** pulumi-aws-dr: the component library. */
export * from "./network";
export * from "./alb";
export * from "./certificate";
export * from "./dns";
export * from "./zone";
export * from "./backup";
export * from "./fleet";
export { InvalidInputError, InputProblem, componentSubject } from "./shared/errors";
export { physicalName } from "./shared/naming";
export {
    regions,
    supportedRegions,
    RegionFacts,
    elbLogDeliveryPrincipal,
    ELB_LOG_DELIVERY_SERVICE,
} from "./shared/regions";
export { Tags } from "./shared/tags";
export * from "./bucket";
export * from "./table";
export * from "./database";
export * from "./cdn";
export * from "./drills";
export * from "./failover";
