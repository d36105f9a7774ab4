/** pulumi-aws-dr: the component library. */
export * from "./network";
export * from "./alb";
export * from "./certificate";
export * from "./dns";
export * from "./backup";
export * from "./fleet";
export { InvalidInputError, InputProblem, componentSubject } from "./shared/errors";
export { physicalName } from "./shared/naming";
export { regions, supportedRegions } from "./shared/regions";
export * from "./bucket";
export * from "./table";
export * from "./database";
