import { PolicyPack } from "@pulumi/policy";
import { policies } from "./pack";

// Constructing the pack starts the policy server the Pulumi CLI talks to: only `--policy-pack` loads this file.
new PolicyPack("pulumi-aws-dr", {
    policies,
    description: "AWS Security Hub controls and disaster-recovery rules for pulumi-aws-dr stacks (docs/policy.md).",
    provider: "aws",
});
