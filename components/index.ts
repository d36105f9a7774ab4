export * from "./network";
export { InvalidInputError, InputProblem } from "./shared/errors";
export { physicalName } from "./shared/naming";
export { regions, supportedRegions } from "./shared/regions";
