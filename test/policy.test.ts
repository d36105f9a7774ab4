import { describe, expect, it } from "vitest";
import { evaluatePolicies, policyRules, PolicyResource, PolicySettings, TLS12_POLICY, UNKNOWN } from "../policy/rules";

const settings: PolicySettings = { stack: "prod", protectStatefulResources: true, multiRegion: true };
const ACCOUNT = "123456789012";

function res(
    type: string,
    name: string,
    inputs: Record<string, unknown>,
    extra: Partial<PolicyResource> = {},
): PolicyResource {
    return {
        type,
        name,
        urn: `urn:pulumi:prod::pulumi-aws-dr::${type}::${name}`,
        inputs,
        options: { protect: true, retainOnDelete: true },
        region: "us-east-1",
        ...extra,
    };
}

/** Violations of one rule over a set of resources. */
const of = (id: string, resources: PolicyResource[], s: PolicySettings = settings) =>
    evaluatePolicies(resources, s)
        .filter((v) => v.id === id)
        .map((v) => `${v.level} ${v.urn.split("::").pop()}: ${v.message}`);

const LB = "aws:lb/loadBalancer:LoadBalancer";
const LISTENER = "aws:lb/listener:Listener";
const VAULT = "aws:backup/vault:Vault";
const PLAN = "aws:backup/plan:Plan";
const BUCKET = "aws:s3/bucket:Bucket";
const SG = "aws:ec2/securityGroup:SecurityGroup";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";

const albArn = (name: string, region = "us-east-1") =>
    `arn:aws:elasticloadbalancing:${region}:${ACCOUNT}:loadbalancer/app/${name}/0123456789abcdef`;
const vaultArn = (name: string, region: string) => `arn:aws:backup:${region}:${ACCOUNT}:backup-vault:${name}`;
const goodAlb = (extra: Record<string, unknown> = {}) =>
    res(LB, "web-alb", {
        name: "web",
        loadBalancerType: "application",
        subnets: ["subnet-a", "subnet-b"],
        securityGroups: ["sg-alb"],
        dropInvalidHeaderFields: true,
        enableDeletionProtection: true,
        desyncMitigationMode: "defensive",
        accessLogs: { bucket: "logs-1", prefix: "alb", enabled: true },
        ...extra,
    });

describe("policy rules", () => {
    it("lists every rule once, with a level, a remediation and resource types", () => {
        const ids = policyRules.map((r) => r.id);
        expect(ids).toEqual([
            "ELB.1",
            "ELB.4",
            "ELB.5",
            "ELB.6",
            "ELB.12",
            "ELB.13",
            "ELB.16",
            "Backup.1",
            "KMS.4",
            "S3.5",
            "S3.8",
            "S3.14",
            "DynamoDB.2",
            "DynamoDB.6",
            "RDS.7",
            "RDS.12",
            "RDS.27",
            "AutoScaling.6",
            "CloudFront.3",
            "CloudFront.4",
            "CloudFront.5",
            "CloudFront.6",
            "CloudFront.9",
            "CloudFront.10",
            "backup-vault-cmk",
            "stateful-protected",
            "backup-cross-region-copy",
            "s3-replication-crr-rtc",
            "elb-listener-tls12",
            "sg-no-world-open",
        ]);
        expect(policyRules.filter((r) => r.level === "advisory").map((r) => r.id)).toEqual(["ELB.16", "AutoScaling.6"]);
        expect(policyRules.every((r) => r.remediation.length > 0 && r.resourceTypes.length > 0)).toBe(true);
    });

    it("AutoScaling.6: a group with one instance type is flagged, one with a mixed instances policy of two is not", () => {
        const GROUP = "aws:autoscaling/group:Group";
        const single = res(GROUP, "single", { launchTemplate: { id: "lt-1", version: "1" } });
        const oneOverride = res(GROUP, "one-override", {
            mixedInstancesPolicy: { launchTemplate: { overrides: [{ instanceType: "t3.small" }] } },
        });
        const mixed = res(GROUP, "mixed", {
            mixedInstancesPolicy: {
                launchTemplate: { overrides: [{ instanceType: "t3.small" }, { instanceType: "t3a.small" }] },
            },
        });
        expect(of("AutoScaling.6", [single, oneOverride, mixed])).toEqual([
            "advisory one-override: the group can launch only t3.small: give it a mixed instances policy with two or more instance types",
            "advisory single: the group can launch a single instance type (its launch template's): give it a mixed instances policy with two or more instance types",
        ]);
    });

    it("ELB.1: HTTP listeners redirect to HTTPS", () => {
        const redirect = res(LISTENER, "http-ok", {
            protocol: "HTTP",
            port: 80,
            defaultActions: [
                { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } },
            ],
        });
        const forward = res(LISTENER, "http-bad", {
            protocol: "HTTP",
            port: 80,
            defaultActions: [{ type: "forward", targetGroupArn: "tg" }],
        });
        expect(of("ELB.1", [redirect, forward])).toEqual([
            'mandatory http-bad: HTTP listener on port 80 must redirect to HTTPS, its default actions are ["forward"]',
        ]);
    });

    it("ELB.4, ELB.5, ELB.6, ELB.12: ALB attributes", () => {
        expect(["ELB.4", "ELB.5", "ELB.6", "ELB.12"].flatMap((id) => of(id, [goodAlb()]))).toEqual([]);
        const bad = goodAlb({
            dropInvalidHeaderFields: false,
            enableDeletionProtection: undefined,
            desyncMitigationMode: "monitor",
            accessLogs: { bucket: "logs-1", enabled: false },
        });
        expect(["ELB.4", "ELB.5", "ELB.6", "ELB.12"].flatMap((id) => of(id, [bad]))).toEqual([
            "mandatory web-alb: dropInvalidHeaderFields must be true, got false",
            'mandatory web-alb: accessLogs must be enabled with a bucket, got {"bucket":"logs-1","enabled":false}',
            "mandatory web-alb: enableDeletionProtection must be true, got unset",
            'mandatory web-alb: desyncMitigationMode must be defensive or strictest, got "monitor"',
        ]);
    });

    it("ELB.12 and ELB.4 accept AWS's default desync mode and skip network load balancers", () => {
        expect(
            of("ELB.12", [
                goodAlb({ desyncMitigationMode: undefined }),
                goodAlb({ desyncMitigationMode: "strictest" }),
            ]),
        ).toEqual([]);
        const nlb = res(LB, "nlb", {
            loadBalancerType: "network",
            subnets: ["a", "b"],
            enableDeletionProtection: true,
        });
        expect(of("ELB.4", [nlb])).toEqual([]);
        expect(of("ELB.6", [{ ...nlb, inputs: { ...nlb.inputs, enableDeletionProtection: false } }])).toEqual([
            "mandatory nlb: enableDeletionProtection must be true, got false",
        ]);
    });

    it("ELB.6 holds only in stacks that protect stateful resources: one that opts out must tear down", () => {
        const unprotected = res(LB, "dev-alb", {
            loadBalancerType: "application",
            subnets: ["a", "b"],
            enableDeletionProtection: false,
        });
        expect(of("ELB.6", [unprotected], { ...settings, protectStatefulResources: false })).toEqual([]);
        expect(of("ELB.6", [unprotected], { ...settings, protectStatefulResources: true })).toEqual([
            "mandatory dev-alb: enableDeletionProtection must be true, got false",
        ]);
    });

    it("ELB.13: at least two AZs, from subnets or subnet mappings", () => {
        expect(
            of("ELB.13", [
                goodAlb(),
                goodAlb({ subnets: undefined, subnetMappings: [{ subnetId: "a" }, { subnetId: "b" }] }),
            ]),
        ).toEqual([]);
        expect(of("ELB.13", [goodAlb({ subnets: ["subnet-a", "subnet-a"] })])).toEqual([
            "mandatory web-alb: the load balancer must span at least 2 Availability Zones, it has 1 subnet",
        ]);
    });

    it("ELB.16 (advisory): a WAF web ACL association must target the ALB's ARN", () => {
        const waf = res("aws:wafv2/webAclAssociation:WebAclAssociation", "waf", {
            resourceArn: albArn("web"),
            webAclArn: "acl",
        });
        expect(of("ELB.16", [goodAlb(), waf])).toEqual([]);
        const elsewhere = { ...waf, inputs: { ...waf.inputs, resourceArn: albArn("web", "us-west-2") } };
        expect(of("ELB.16", [goodAlb(), elsewhere])).toEqual([
            "advisory web-alb: no WAF web ACL is associated with this ALB",
        ]);
    });

    it("elb-listener-tls12: HTTPS listeners use a TLS 1.2+ policy", () => {
        const https = (name: string, sslPolicy?: string) =>
            res(LISTENER, name, { protocol: "HTTPS", port: 443, sslPolicy });
        const ok = [
            "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
            "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
            "ELBSecurityPolicy-TLS-1-2-Ext-2018-06",
            "ELBSecurityPolicy-FS-1-2-Res-2020-10",
        ];
        expect(
            of(
                "elb-listener-tls12",
                ok.map((p, i) => https(`ok${i}`, p)),
            ),
        ).toEqual([]);
        expect(
            of("elb-listener-tls12", [
                https("old", "ELBSecurityPolicy-2016-08"),
                https("tls11", "ELBSecurityPolicy-TLS-1-1-2017-01"),
                https("unset"),
                res(LISTENER, "http", { protocol: "HTTP" }),
            ]),
        ).toEqual([
            'mandatory old: sslPolicy must accept only TLS 1.2 or later, got "ELBSecurityPolicy-2016-08"',
            'mandatory tls11: sslPolicy must accept only TLS 1.2 or later, got "ELBSecurityPolicy-TLS-1-1-2017-01"',
            "mandatory unset: sslPolicy is unset, so AWS applies ELBSecurityPolicy-2016-08, which accepts TLS 1.0; set a TLS 1.2+ policy",
        ]);
        expect(TLS12_POLICY.test("ELBSecurityPolicy-TLS13-1-0-2021-06")).toBe(false);
    });

    it("backup-vault-cmk: vaults name a customer managed key", () => {
        const good = res(VAULT, "vault", { name: "v", kmsKeyArn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/abc` });
        expect(of("backup-vault-cmk", [good])).toEqual([]);
        expect(of("backup-vault-cmk", [res(VAULT, "plain", { name: "p" })])).toEqual([
            "mandatory plain: kmsKeyArn must name a customer managed KMS key, it is unset",
        ]);
    });

    it("Backup.1: plans write and copy only to vaults with a customer managed key", () => {
        const key = `arn:aws:kms:us-east-1:${ACCOUNT}:key/abc`;
        const primary = res(VAULT, "primary", { name: "primary-vault", kmsKeyArn: key });
        const copy = res(VAULT, "copy", { name: "copy-vault", kmsKeyArn: key }, { region: "us-west-2" });
        const plan = (target: string, dest: string) =>
            res(PLAN, "plan", {
                rules: [{ ruleName: "daily", targetVaultName: target, copyActions: [{ destinationVaultArn: dest }] }],
            });
        expect(of("Backup.1", [primary, copy, plan("primary-vault", vaultArn("copy-vault", "us-west-2"))])).toEqual([]);
        // A destination another stack declares is that stack's to check.
        expect(of("Backup.1", [primary, plan("primary-vault", vaultArn("elsewhere", "us-west-2"))])).toEqual([]);
        const unencrypted = { ...copy, inputs: { name: "copy-vault" } };
        expect(of("Backup.1", [primary, unencrypted, plan("Default", vaultArn("copy-vault", "us-west-2"))])).toEqual([
            'mandatory plan: rules[0] (daily) writes to vault "Default", which this stack does not declare, so its encryption cannot be checked',
            "mandatory plan: rules[0] (daily).copyActions[0] copies to vault copy, which has no customer managed key",
        ]);
    });

    it("backup-cross-region-copy: every rule copies to another region when the strategy is multi-region", () => {
        const plan = (...dests: string[]) =>
            res(PLAN, "plan", {
                rules: [
                    {
                        ruleName: "daily",
                        targetVaultName: "v",
                        copyActions: dests.map((d) => ({ destinationVaultArn: d })),
                    },
                ],
            });
        expect(of("backup-cross-region-copy", [plan(vaultArn("v2", "us-west-2"))])).toEqual([]);
        expect(of("backup-cross-region-copy", [plan(vaultArn("v2", "us-east-1"))])).toEqual([
            'mandatory plan: rules[0] (daily) must copy to a vault outside us-east-1, it copies to ["us-east-1"]',
        ]);
        expect(of("backup-cross-region-copy", [plan()])).toEqual([
            "mandatory plan: rules[0] (daily) must copy to a vault outside us-east-1, it copies to []",
        ]);
        expect(of("backup-cross-region-copy", [plan()], { ...settings, multiRegion: false })).toEqual([]);
    });

    it("KMS.4: symmetric keys rotate; asymmetric keys cannot and are skipped", () => {
        const key = (name: string, inputs: Record<string, unknown>) => res("aws:kms/key:Key", name, inputs);
        expect(
            of("KMS.4", [
                key("rotating", { enableKeyRotation: true }),
                key("signing", { customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" }),
            ]),
        ).toEqual([]);
        expect(of("KMS.4", [key("static", {})])).toEqual([
            "mandatory static: enableKeyRotation must be true, got unset",
        ]);
    });

    it("S3.8: each bucket has a public access block with all four flags", () => {
        const bucket = res(BUCKET, "logs", { bucket: "logs-1" });
        const block = (flags: Record<string, boolean>) =>
            res("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "logs-pab", { bucket: "logs-1", ...flags });
        const all = {
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
        };
        expect(of("S3.8", [bucket, block(all)])).toEqual([]);
        expect(of("S3.8", [bucket, block({ ...all, blockPublicPolicy: false, restrictPublicBuckets: false })])).toEqual(
            ["mandatory logs: the BucketPublicAccessBlock must set blockPublicPolicy, restrictPublicBuckets to true"],
        );
        expect(of("S3.8", [bucket])).toEqual(["mandatory logs: no BucketPublicAccessBlock covers this bucket"]);
    });

    it("S3.5: each bucket's policy denies requests without TLS; auto-named buckets are matched too", () => {
        const bucket = res(BUCKET, "data", {});
        const policy = (statement: Record<string, unknown>) =>
            res("aws:s3/bucketPolicy:BucketPolicy", "data-policy", {
                bucket: "data-0a1b2c3",
                policy: JSON.stringify({ Version: "2012-10-17", Statement: [statement] }),
            });
        const deny = {
            Effect: "Deny",
            Principal: { AWS: "*" },
            Action: ["s3:*"],
            Resource: ["arn:aws:s3:::data-0a1b2c3", "arn:aws:s3:::data-0a1b2c3/*"],
            Condition: { Bool: { "aws:SecureTransport": false } },
        };
        expect(of("S3.5", [bucket, policy(deny)])).toEqual([]);
        expect(of("S3.5", [bucket, policy({ ...deny, Action: "s3:GetObject" })])).toEqual([
            'mandatory data: the bucket policy must deny s3:* to everyone when "aws:SecureTransport" is "false"',
        ]);
        expect(of("S3.5", [bucket])).toEqual([
            "mandatory data: no BucketPolicy covers this bucket, so it accepts plain HTTP",
        ]);
    });

    it("stateful-protected: stateful resources are protected and retained in stacks that ask for it", () => {
        const unprotected = (type: string, name: string) =>
            res(type, name, {}, { options: { protect: false, retainOnDelete: false } });
        const resources = [
            unprotected(VAULT, "vault"),
            unprotected("aws:kms/key:Key", "key"),
            unprotected(BUCKET, "bucket"),
            unprotected("aws:cloudwatch/logGroup:LogGroup", "logs"),
            unprotected(SG, "sg"),
        ];
        expect(of("stateful-protected", resources)).toEqual(
            ["vault", "logs", "key", "bucket"].map(
                (n) =>
                    `mandatory ${n}: stack prod protects stateful resources, so this one needs protect and retainOnDelete`,
            ),
        );
        expect(
            of("stateful-protected", resources, { ...settings, stack: "dev", protectStatefulResources: false }),
        ).toEqual([]);
        // CrossGuard does not show retainOnDelete: protect alone is judged there.
        expect(of("stateful-protected", [res(VAULT, "cg", {}, { options: { protect: true } })])).toEqual([]);
        expect(
            of("stateful-protected", [res(VAULT, "half", {}, { options: { protect: true, retainOnDelete: false } })]),
        ).toEqual(["mandatory half: stack prod protects stateful resources, so this one needs retainOnDelete"]);
    });

    it("sg-no-world-open: only an ALB's security group takes TCP 80/443 from the world, and nothing egresses to it", () => {
        const ingress = (
            name: string,
            sg: string,
            port: number,
            cidr: Record<string, string> = { cidrIpv4: "0.0.0.0/0" },
        ) => res(INGRESS, name, { securityGroupId: sg, ipProtocol: "tcp", fromPort: port, toPort: port, ...cidr });
        const resources = [
            goodAlb(),
            ingress("alb-443", "sg-alb", 443),
            ingress("alb-80-v6", "sg-alb", 80, { cidrIpv6: "::/0" }),
            ingress("alb-from-vpc", "sg-alb", 8080, { cidrIpv4: "10.0.0.0/16" }),
        ];
        expect(of("sg-no-world-open", resources)).toEqual([]);
        const bad = [
            goodAlb(),
            ingress("alb-ssh", "sg-alb", 22),
            ingress("targets-443", "sg-targets", 443, { cidrIpv6: "::/0" }),
            res(EGRESS, "alb-out", { securityGroupId: "sg-alb", ipProtocol: "-1", cidrIpv4: "0.0.0.0/0" }),
            res(SG, "inline", {
                ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }],
                egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
            }),
        ];
        expect(of("sg-no-world-open", bad)).toEqual([
            "mandatory inline: ingress from 0.0.0.0/0 on tcp port 443 opens the security group to the world; only an ALB's security group may take TCP 80/443 from it",
            "mandatory inline: egress to 0.0.0.0/0 on all protocols and ports opens the security group to the world",
            "mandatory alb-out: egress to 0.0.0.0/0 on all protocols and ports opens the security group to the world",
            "mandatory alb-ssh: ingress from 0.0.0.0/0 on tcp port 22 opens the security group to the world; only an ALB's security group may take TCP 80/443 from it",
            "mandatory targets-443: ingress from ::/0 on tcp port 443 opens the security group to the world; only an ALB's security group may take TCP 80/443 from it",
        ]);
    });

    it("recognises an ALB's group by CrossGuard references when ids are unknown during preview", () => {
        const sg = res(SG, "alb-sg", {
            ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }],
        });
        const alb = goodAlb({ securityGroups: [UNKNOWN] });
        const referencing = { ...alb, references: { securityGroups: [sg.urn] } };
        expect(of("sg-no-world-open", [alb, sg])).toHaveLength(1);
        expect(of("sg-no-world-open", [referencing, sg])).toEqual([]);
        const rule = res(
            INGRESS,
            "in",
            { securityGroupId: UNKNOWN, ipProtocol: "tcp", fromPort: 80, toPort: 80, cidrIpv4: "0.0.0.0/0" },
            { references: { securityGroupId: [sg.urn] } },
        );
        expect(of("sg-no-world-open", [referencing, rule])).toEqual([]);
    });

    it("does not judge values unknown during a CrossGuard preview", () => {
        const unknowns = [
            goodAlb({ subnets: [UNKNOWN, UNKNOWN], accessLogs: UNKNOWN }),
            res(VAULT, "vault", { kmsKeyArn: UNKNOWN }),
            res(PLAN, "plan", {
                rules: [
                    { ruleName: "daily", targetVaultName: UNKNOWN, copyActions: [{ destinationVaultArn: UNKNOWN }] },
                ],
            }),
            res(BUCKET, "b", { bucket: UNKNOWN }),
            res(
                "aws:s3/bucketPolicy:BucketPolicy",
                "b-policy",
                { bucket: UNKNOWN, policy: UNKNOWN },
                { references: { bucket: ["urn:pulumi:prod::pulumi-aws-dr::aws:s3/bucket:Bucket::b"] } },
            ),
        ];
        expect(evaluatePolicies(unknowns, settings).filter((v) => !["ELB.16", "S3.8"].includes(v.id))).toEqual([]);
    });
});
