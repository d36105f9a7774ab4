import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { deferredTargetPorts, MultiAzAlb, MultiAzAlbArgs, targetPorts } from "../components/alb";
import { InvalidInputError } from "../components/internal";
import { albArgs, buildAlb } from "./alb.fixtures";
import { ofType, one, run, runExpectingError } from "./harness";

const T = {
    lb: "aws:lb/loadBalancer:LoadBalancer",
    tg: "aws:lb/targetGroup:TargetGroup",
    listener: "aws:lb/listener:Listener",
    rule: "aws:lb/listenerRule:ListenerRule",
    certificate: "aws:lb/listenerCertificate:ListenerCertificate",
    ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    egress: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
} as const;

const HEADER =
    'MultiAzAlb "web": inputs known only at deploy time failed their checks; nothing that uses them was created';

/** Runs an ALB whose args hold Outputs that resolve to something invalid; returns the error and what was registered. */
async function failing(args: MultiAzAlbArgs) {
    const result = await runExpectingError(buildAlb(args));
    expect(result.error).toBeInstanceOf(InvalidInputError);
    return { ...result, names: (type: string) => result.registered.filter((r) => r.type === type).map((r) => r.name) };
}

describe("MultiAzAlb values known only at deploy", () => {
    it("takes a target port from another stack: the group, its attachment and its own security group rules use it", async () => {
        const record = await run(
            buildAlb(
                albArgs({
                    targetGroups: {
                        blue: { weight: 1, port: pulumi.output(8443), targets: [{ id: "i-0123456789abcdef0" }] },
                        green: { weight: 0, port: 8080 },
                    },
                }),
            ),
        );
        expect(one(record, T.tg, "web-tg-blue").inputs.port).toBe(8443);
        expect(one(record, "aws:lb/targetGroupAttachment:TargetGroupAttachment").inputs.port).toBe(8443);
        const rulePorts = (type: string) =>
            ofType(record, type)
                .filter((r) => /-(alb-to-targets|targets-from-alb)-/.test(r.name))
                .map((r) => [r.name, r.inputs.fromPort, r.inputs.toPort]);
        expect(rulePorts(T.egress)).toEqual([
            ["web-alb-to-targets-8080", 8080, 8080],
            ["web-alb-to-targets-tg-blue", 8443, 8443],
        ]);
        expect(rulePorts(T.ingress)).toEqual([
            ["web-targets-from-alb-8080", 8080, 8080],
            ["web-targets-from-alb-tg-blue", 8443, 8443],
        ]);

        // The generated name is the one the same port gives when written in the program: no rename, no replacement.
        const plain = await run(
            buildAlb(albArgs({ targetGroups: { blue: { weight: 1, port: 8443 }, green: { weight: 0, port: 8080 } } })),
        );
        expect(one(record, T.tg, "web-tg-blue").inputs.name).toBe(one(plain, T.tg, "web-tg-blue").inputs.name);
    });

    it("says once that a late port is out of range, and registers neither its group nor anything that routes to it", async () => {
        const { error, names } = await failing(
            albArgs({ targetGroups: { blue: { weight: 1, port: pulumi.output(70000) }, green: { weight: 0 } } }),
        );
        expect(error.message).toBe(
            [HEADER, 'MultiAzAlb "web": targetGroups.blue.port must be an integer 1..65535, got 70000'].join("\n"),
        );
        expect(names(T.tg)).toEqual(["web-tg-green"]);
        expect(names(T.egress)).not.toContain("web-alb-to-targets-tg-blue");
        expect(names(T.ingress)).not.toContain("web-targets-from-alb-tg-blue");
        // The weighted listener forwards to blue's ARN, which never exists: it is not registered either.
        expect(names(T.listener)).toEqual(["web-http"]);
        // What is built from plain values alone is unaffected.
        expect(names(T.lb)).toEqual(["web-alb"]);
    });

    it("refuses a late port that another group already uses, whose security group rule EC2 would refuse as a duplicate", async () => {
        const { error, names } = await failing(
            albArgs({ targetGroups: { blue: { weight: 1, port: pulumi.output(80) }, green: { weight: 0 } } }),
        );
        expect(error.message).toBe(
            [
                HEADER,
                'MultiAzAlb "web": targetGroups.blue.port must be a port not already used by another target or health-check port of this ALB: a port known only at deploy gets security group rules of its own (write shared ports as plain numbers; leave healthCheck.port out to check the target port itself), got 80',
            ].join("\n"),
        );
        expect(names(T.tg)).toEqual(["web-tg-green"]);
        const late = albArgs({ targetGroups: { blue: { port: pulumi.output(80) }, green: {} } });
        expect(targetPorts(late)).toEqual([80]);
        expect(deferredTargetPorts(late).map(({ id, path }) => [id, path])).toEqual([
            ["tg-blue", "targetGroups.blue.port"],
        ]);
    });

    it("takes a health-check port from another stack, with rules of its own, and refuses one that clashes", async () => {
        const record = await run(
            buildAlb(albArgs({ targetGroups: { blue: { weight: 1, healthCheck: { port: pulumi.output(9100) } } } })),
        );
        expect((one(record, T.tg, "web-tg-blue").inputs.healthCheck as { port: string }).port).toBe("9100");
        expect(
            ofType(record, T.ingress)
                .filter((r) => r.name.startsWith("web-targets-from-alb-"))
                .map((r) => [r.name, r.inputs.fromPort]),
        ).toEqual([
            ["web-targets-from-alb-80", 80],
            ["web-targets-from-alb-tg-blue-check", 9100],
        ]);

        const { error, names } = await failing(
            albArgs({
                targetGroups: {
                    blue: { weight: 1, port: 8080, healthCheck: { port: pulumi.output(8080) } },
                    green: { weight: 0 },
                },
            }),
        );
        expect(error.message).toBe(
            [
                HEADER,
                'MultiAzAlb "web": targetGroups.blue.healthCheck.port must be a port not already used by another target or health-check port of this ALB: a port known only at deploy gets security group rules of its own (write shared ports as plain numbers; leave healthCheck.port out to check the target port itself), got 8080',
            ].join("\n"),
        );
        expect(names(T.tg)).toEqual(["web-tg-green"]);
        expect(names(T.ingress)).not.toContain("web-targets-from-alb-tg-blue-check");
    });

    it("takes a health-check path from another stack, and refuses one that does not start with /", async () => {
        const fine = await run(
            buildAlb(albArgs({ targetGroups: { blue: { weight: 1, healthCheck: { path: pulumi.output("/live") } } } })),
        );
        expect((one(fine, T.tg, "web-tg-blue").inputs.healthCheck as { path: string }).path).toBe("/live");

        const { error, names } = await failing(
            albArgs({
                targetGroups: {
                    blue: { weight: 1, healthCheck: { path: pulumi.output("live") } },
                    green: { weight: 0 },
                },
            }),
        );
        expect(error.message).toBe(
            [
                HEADER,
                'MultiAzAlb "web": targetGroups.blue.healthCheck.path must be a path starting with "/", at most 1024 characters, got "live"',
            ].join("\n"),
        );
        expect(names(T.tg)).toEqual(["web-tg-green"]);
    });

    it("takes names from another stack and checks them as if written in the program", async () => {
        const fine = await run(
            buildAlb(
                albArgs({
                    loadBalancerName: pulumi.output("shop-edge"),
                    targetGroups: { blue: { weight: 1, name: pulumi.output("shop-blue") } },
                }),
            ),
        );
        expect(one(fine, T.lb).inputs.name).toBe("shop-edge");
        expect(one(fine, T.tg).inputs.name).toBe("shop-blue");

        const { error, names } = await failing(
            albArgs({
                loadBalancerName: pulumi.output("internal-shop"),
                targetGroups: { blue: { weight: 1, name: pulumi.output("shop") }, green: { weight: 0, name: "shop" } },
            }),
        );
        expect(error.message.split("\n")).toEqual([
            HEADER,
            'MultiAzAlb "web": loadBalancerName must be a name that does not start with "internal-", got "internal-shop"',
            'MultiAzAlb "web": targetGroups.green.name must be a name no other target group has (targetGroups.blue has it), got "shop"',
        ]);
        expect(names(T.lb)).toEqual([]);
        expect(names(T.tg)).toEqual(["web-tg-green"]);
    });

    it("takes a rule's host and an SNI certificate from other stacks, and registers neither when they are invalid", async () => {
        const late = (host: string, certificate: string) =>
            albArgs({
                additionalCertificates: { shop: pulumi.output(certificate) },
                listenerRules: {
                    shop: {
                        priority: 1,
                        hostHeaders: [pulumi.output(host)],
                        forward: { targetGroups: { blue: 1 } },
                    },
                },
            });
        const cert = "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555";
        const fine = await run(buildAlb(late("shop.example.com", cert)));
        expect(one(fine, T.rule, "web-rule-shop").inputs.conditions).toEqual([
            { hostHeader: { values: ["shop.example.com"] } },
        ]);
        expect(one(fine, T.certificate).inputs.certificateArn).toBe(cert);

        const foreign = cert.replace("us-east-1", "eu-west-1");
        const { error, names } = await failing(late("shop", foreign));
        expect(error.message.split("\n")).toEqual([
            HEADER,
            `MultiAzAlb "web": additionalCertificates.shop must be an ACM certificate in us-east-1, the ALB's region, got "${foreign}"`,
            'MultiAzAlb "web": listenerRules.shop.hostHeaders.0 must be a host name of at most 128 characters: letters, digits, "-", "." and wildcards "*" and "?", with at least one "." and only letters after the last one, got "shop"',
        ]);
        expect(names(T.rule)).toEqual([]);
        expect(names(T.certificate)).toEqual([]);
        expect(names(T.listener).sort()).toEqual(["web-http", "web-https"]);
    });

    it("accepts a late client secret, which is a plain string once resolved, and keeps it secret", async () => {
        const record = await run(async () => {
            new MultiAzAlb(
                "web",
                albArgs({
                    listenerRules: {
                        app: {
                            priority: 1,
                            pathPatterns: ["/*"],
                            authenticateOidc: {
                                issuer: "https://login.example.com",
                                authorizationEndpoint: "https://login.example.com/authorize",
                                tokenEndpoint: "https://login.example.com/token",
                                userInfoEndpoint: "https://login.example.com/userinfo",
                                clientId: pulumi.output("client"),
                                clientSecret: pulumi.secret("late-s3cret"),
                            },
                            forward: { targetGroups: { blue: 1 } },
                        },
                    },
                }),
            );
            return {};
        });
        const actions = one(record, T.rule, "web-rule-app").inputs.actions as { authenticateOidc?: object }[];
        expect(actions[0].authenticateOidc).toMatchObject({ clientId: "client", clientSecret: "[secret]" });
        expect(JSON.stringify(record.resources)).not.toContain("late-s3cret");
    });
});
