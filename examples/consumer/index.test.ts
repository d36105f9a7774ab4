import * as assert from "node:assert/strict";
import { test } from "node:test";
import { testStack, testStackFailure } from "pulumi-aws-dr/testing";
import program from "./index";

// The DR stack's outputs contract, as this app's StackReference reads it.
const drStack = "acme/pulumi-aws-dr/prod";
const dr = {
    vpcIds: { "us-east-1": "vpc-0aaaaaaaaaaaaaaa1", "us-west-2": "vpc-0bbbbbbbbbbbbbbb2" },
    publicSubnetIds: { "us-east-1": ["subnet-0a1", "subnet-0a2"], "us-west-2": ["subnet-0b1", "subnet-0b2"] },
    privateSubnetIds: { "us-east-1": ["subnet-0a3", "subnet-0a4"], "us-west-2": ["subnet-0b3", "subnet-0b4"] },
    certificateArns: {
        "us-east-1": "arn:aws:acm:us-east-1:123456789012:certificate/11111111-1111-4111-a111-111111111111",
        "us-west-2": "arn:aws:acm:us-west-2:123456789012:certificate/22222222-2222-4222-a222-222222222222",
    },
};

const config = {
    drStack,
    regions: ["us-east-1", "us-west-2"],
    alb: { targetGroups: { blue: { port: 8080, weight: 90 }, green: { port: 8080, weight: 10 } } },
    backup: {
        rules: {
            nightly: {
                schedule: "cron(30 2 ? * * *)",
                lifecycle: { deleteAfterDays: 30 },
                copyTo: [{ region: "us-west-2" }],
            },
        },
        selections: { data: { selectionTags: { backup: "consumer-app" } } },
    },
};

const options = { project: "consumer-app", stack: "dev", config, stackOutputs: { [drStack]: dr } };

test("one ALB per region, in the DR stack's public subnets, with its certificate on HTTPS", async () => {
    const stack = await testStack(program, options);
    for (const region of config.regions) {
        const alb = stack.one("pulumi-aws-dr:alb:MultiAzAlb", `web-${region}`);
        const [lb] = stack.childrenOf(alb, "aws:lb/loadBalancer:LoadBalancer");
        assert.equal(lb.region, region);
        assert.deepEqual(lb.inputs.subnets, dr.publicSubnetIds[region as keyof typeof dr.publicSubnetIds]);
        const https = stack.childrenOf(alb, "aws:lb/listener:Listener").find((l) => l.inputs.protocol === "HTTPS");
        assert.equal(https?.inputs.certificateArn, dr.certificateArns[region as keyof typeof dr.certificateArns]);
    }
    assert.deepEqual(stack.output("targetSubnetIds"), dr.privateSubnetIds);
});

test("the nightly backups are copied to the second region", async () => {
    const stack = await testStack(program, options);
    const vaults = stack.ofType("aws:backup/vault:Vault");
    assert.deepEqual(
        vaults.map((v) => v.region),
        ["us-east-1", "us-west-2"],
    );
    assert.deepEqual(Object.keys(stack.output("vaultArns") as object).sort(), ["us-east-1", "us-west-2"]);
});

test("a region the DR stack does not serve is refused", async () => {
    const { error } = await testStackFailure(program, { ...options, config: { ...config, regions: ["eu-west-1"] } });
    assert.match(error.message, /output \w+ has no eu-west-1/);
});
