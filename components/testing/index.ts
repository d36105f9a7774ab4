/**
 * pulumi-aws-dr/testing: unit-test a Pulumi program that uses these components, offline. The mocks
 * answer like AWS (ids, ARNs, availability zones, ACM validation records, ELB log-delivery accounts,
 * caller identity) and refuse like AWS where the components rely on it; `testStack` evaluates a
 * program against them and returns what it declared.
 */
export { testStack, testStackFailure, TestStack, TestStackOptions, ProgramFailure } from "./stack";
export { evaluate, EvaluateOptions, MOCK_ACCOUNT_ID, Program, ProgramConfig } from "./evaluate";
export { AwsMocks, MockAccount, providerError } from "./mocks";
export { RecordedOptions, RecordedResource, StackOutput, StackRecord, visibleOutputs } from "./record";
export { renderPolicyDocument } from "./policyDocument";
export { constraintViolations, InputConstraint, INPUT_CONSTRAINTS } from "./constraints";
