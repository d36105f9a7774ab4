/** pulumi-aws-dr: the component library. */
export * from "./network";
export { InvalidInputError, InputProblem, componentSubject } from "./shared/errors";
export { physicalName } from "./shared/naming";
export { regions, supportedRegions } from "./shared/regions";
