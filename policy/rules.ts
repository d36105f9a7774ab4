import { arnRegion, identifies, isKnown, refersTo, shareReference, stringsOf } from "./match";
import { PolicyContext, PolicyResource, PolicyRule, PolicySettings, PolicyViolation, UNKNOWN } from "./types";

export * from "./types";

/**
 * The policy rules, as pure functions over `{ type, name, urn, inputs, options }`. The offline plan
 * runs them over the recorded resources (`evaluatePolicies`); the CrossGuard pack (pack.ts) runs the
 * same functions under `pulumi preview --policy-pack policy`. Values a rule needs but that are
 * `UNKNOWN` (CrossGuard preview) are not judged.
 */

const LOAD_BALANCERS = ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"];
const LISTENERS = ["aws:lb/listener:Listener", "aws:alb/listener:Listener"];
const BUCKETS = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];
const VAULT = "aws:backup/vault:Vault";
const PLAN = "aws:backup/plan:Plan";
const KEY = "aws:kms/key:Key";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const WAF_ASSOCIATION = "aws:wafv2/webAclAssociation:WebAclAssociation";
const PUBLIC_ACCESS_BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
const INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const EGRESS_RULE = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
const LEGACY_SG_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";

type Obj = Record<string, unknown>;
const asObject = (v: unknown): Obj => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {});
const asList = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(asObject) : []);
const show = (v: unknown) => (v === undefined ? "unset" : JSON.stringify(v));

/** The load balancer type defaults to `application`; several ELB controls only concern ALBs. */
const isAlb = (lb: PolicyResource) => (lb.inputs.loadBalancerType ?? "application") === "application";
const ofTypes = (context: PolicyContext, types: readonly string[]) => context.resources.filter((r) => types.includes(r.type));

/**
 * Security policies whose lowest protocol is TLS 1.2 or 1.3. ELB names encode it: `TLS13-1-2-*` and
 * `TLS13-1-3-*` (TLS 1.3 policies, including the FIPS, Ext and post-quantum variants: the ELB.17
 * list is a subset), `TLS-1-2-*` and `FS-1-2-*` (TLS 1.2 only). Everything else, including the API
 * default `ELBSecurityPolicy-2016-08`, accepts TLS 1.0 or 1.1.
 */
export const TLS12_POLICY = /^ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-2|FS-1-2)-/;

const WORLD = ["0.0.0.0/0", "::/0"];
const ALB_PUBLIC_PORTS = [80, 443];

const elb1: PolicyRule = {
    id: "ELB.1",
    description: "Every HTTP listener redirects to HTTPS.",
    level: "mandatory",
    remediation: 'Give the HTTP listener the default action { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }.',
    resourceTypes: LISTENERS,
    scope: "resource",
    check: ({ inputs }) => {
        if (inputs.protocol !== "HTTP") return undefined;
        const actions = asList(inputs.defaultActions);
        const redirects = actions.some((a) => a.type === "redirect" && asObject(a.redirect).protocol === "HTTPS");
        return redirects ? undefined : `HTTP listener on port ${show(inputs.port)} must redirect to HTTPS, its default actions are ${show(actions.map((a) => a.type))}`;
    },
};

const elb4: PolicyRule = {
    id: "ELB.4",
    description: "Application load balancers drop invalid HTTP headers.",
    level: "mandatory",
    remediation: "Set dropInvalidHeaderFields: true on the load balancer.",
    resourceTypes: LOAD_BALANCERS,
    scope: "resource",
    check: (lb) => (isAlb(lb) && lb.inputs.dropInvalidHeaderFields !== true && lb.inputs.dropInvalidHeaderFields !== UNKNOWN
        ? `dropInvalidHeaderFields must be true, got ${show(lb.inputs.dropInvalidHeaderFields)}`
        : undefined),
};

const elb5: PolicyRule = {
    id: "ELB.5",
    description: "Load balancers write access logs.",
    level: "mandatory",
    remediation: "Set accessLogs: { bucket, prefix, enabled: true } with an SSE-S3 bucket in the load balancer's region.",
    resourceTypes: LOAD_BALANCERS,
    scope: "resource",
    check: ({ inputs }) => {
        const logs = inputs.accessLogs;
        if (logs === UNKNOWN) return undefined;
        const { enabled, bucket } = asObject(logs);
        return enabled === true && typeof bucket === "string" && bucket !== "" ? undefined : `accessLogs must be enabled with a bucket, got ${show(logs)}`;
    },
};

const elb6: PolicyRule = {
    id: "ELB.6",
    description: "Load balancers have deletion protection on.",
    level: "mandatory",
    remediation: "Set enableDeletionProtection: true on the load balancer (MultiAzAlb: deletionProtection, default true).",
    resourceTypes: LOAD_BALANCERS,
    scope: "resource",
    check: ({ inputs }) => (inputs.enableDeletionProtection !== true && inputs.enableDeletionProtection !== UNKNOWN
        ? `enableDeletionProtection must be true, got ${show(inputs.enableDeletionProtection)}`
        : undefined),
};

const elb12: PolicyRule = {
    id: "ELB.12",
    description: "Application load balancers use the defensive or strictest desync mitigation mode.",
    level: "mandatory",
    remediation: 'Set desyncMitigationMode to "defensive" (the default) or "strictest".',
    resourceTypes: LOAD_BALANCERS,
    scope: "resource",
    // Unset means AWS's default, defensive.
    check: (lb) => (isAlb(lb) && ![undefined, UNKNOWN, "defensive", "strictest"].includes(lb.inputs.desyncMitigationMode as string)
        ? `desyncMitigationMode must be defensive or strictest, got ${show(lb.inputs.desyncMitigationMode)}`
        : undefined),
};

const elb13: PolicyRule = {
    id: "ELB.13",
    description: "Load balancers span at least two Availability Zones.",
    level: "mandatory",
    remediation: "Give the load balancer subnets in at least two AZs.",
    resourceTypes: LOAD_BALANCERS,
    scope: "resource",
    // An ELB takes at most one subnet per AZ, so distinct subnets are distinct AZs.
    check: ({ inputs }) => {
        const mappings = inputs.subnetMappings;
        const subnets = Array.isArray(mappings) && mappings.length > 0 ? asList(mappings).map((m) => m.subnetId) : inputs.subnets;
        if (!Array.isArray(subnets) || subnets.includes(UNKNOWN)) return undefined;
        const count = new Set(subnets).size;
        return count >= 2 ? undefined : `the load balancer must span at least 2 Availability Zones, it has ${count} subnet${count === 1 ? "" : "s"}`;
    },
};

const elb16: PolicyRule = {
    id: "ELB.16",
    description: "Application load balancers are associated with an AWS WAF web ACL.",
    level: "advisory",
    remediation: "Associate a regional WAFv2 web ACL with the ALB (aws.wafv2.WebAclAssociation with resourceArn: the ALB's ARN).",
    resourceTypes: LOAD_BALANCERS,
    scope: "stack",
    check: (lb, context) => {
        if (!isAlb(lb)) return undefined;
        const protectedBy = ofTypes(context, [WAF_ASSOCIATION]).some((a) => refersTo(a, "resourceArn", a.inputs.resourceArn, lb));
        return protectedBy ? undefined : "no WAF web ACL is associated with this ALB";
    },
};

const listenerTls: PolicyRule = {
    id: "elb-listener-tls12",
    description: "Every HTTPS or TLS listener uses a security policy whose lowest protocol is TLS 1.2 or 1.3.",
    level: "mandatory",
    remediation: "Set sslPolicy to ELBSecurityPolicy-TLS13-1-2-Res-2021-06 (MultiAzAlb's default) or another TLS13-1-2, TLS13-1-3, TLS-1-2 or FS-1-2 policy.",
    resourceTypes: LISTENERS,
    scope: "resource",
    check: ({ inputs }) => {
        if (inputs.protocol !== "HTTPS" && inputs.protocol !== "TLS") return undefined;
        const policy = inputs.sslPolicy;
        if (policy === UNKNOWN) return undefined;
        if (policy === undefined) return `sslPolicy is unset, so AWS applies ELBSecurityPolicy-2016-08, which accepts TLS 1.0; set a TLS 1.2+ policy`;
        return typeof policy === "string" && TLS12_POLICY.test(policy) ? undefined : `sslPolicy must accept only TLS 1.2 or later, got ${show(policy)}`;
    },
};

const hasCustomerKey = (vault: PolicyResource) => isKnown(vault.inputs.kmsKeyArn) && vault.inputs.kmsKeyArn !== "";

const vaultCmk: PolicyRule = {
    id: "backup-vault-cmk",
    description: "Backup vaults encrypt recovery points with a customer managed KMS key.",
    level: "mandatory",
    remediation: "Set kmsKeyArn on the vault to a customer managed key with rotation on.",
    resourceTypes: [VAULT],
    scope: "resource",
    // Without kmsKeyArn AWS Backup uses its AWS managed key, whose policy the stack cannot restrict.
    check: (vault) => (vault.inputs.kmsKeyArn === UNKNOWN || hasCustomerKey(vault) ? undefined : "kmsKeyArn must name a customer managed KMS key, it is unset"),
};

const backup1: PolicyRule = {
    id: "Backup.1",
    description: "Backup plans write and copy recovery points only to vaults encrypted with a customer managed key.",
    level: "mandatory",
    remediation: "Point each rule's targetVaultName and copy actions at vaults this stack declares with a kmsKeyArn.",
    resourceTypes: [PLAN],
    scope: "stack",
    check: (plan, context) => {
        const vaults = ofTypes(context, [VAULT]);
        const vaultOf = (ref: unknown) => vaults.find((v) => stringsOf(ref).some((s) => identifies(s, v)));
        const problems: string[] = [];
        asList(plan.inputs.rules).forEach((rule, i) => {
            const path = `rules[${i}] (${String(rule.ruleName)})`;
            const target = rule.targetVaultName;
            if (isKnown(target)) {
                const vault = vaultOf(target);
                if (!vault) problems.push(`${path} writes to vault ${show(target)}, which this stack does not declare, so its encryption cannot be checked`);
                else if (!hasCustomerKey(vault) && vault.inputs.kmsKeyArn !== UNKNOWN) problems.push(`${path} writes to vault ${show(target)}, which has no customer managed key`);
            }
            asList(rule.copyActions).forEach((copy, j) => {
                // A destination declared elsewhere (another stack or account) is checked there.
                const vault = vaultOf(copy.destinationVaultArn);
                if (vault && !hasCustomerKey(vault) && vault.inputs.kmsKeyArn !== UNKNOWN) {
                    problems.push(`${path}.copyActions[${j}] copies to vault ${vault.name}, which has no customer managed key`);
                }
            });
        });
        return problems;
    },
};

const kms4: PolicyRule = {
    id: "KMS.4",
    description: "Customer managed symmetric KMS keys rotate their key material.",
    level: "mandatory",
    remediation: "Set enableKeyRotation: true on the key.",
    resourceTypes: [KEY],
    scope: "resource",
    // AWS can only rotate symmetric encryption keys with AWS-generated material.
    check: ({ inputs }) => {
        const spec = inputs.customerMasterKeySpec ?? inputs.keySpec ?? "SYMMETRIC_DEFAULT";
        const rotatable = spec === "SYMMETRIC_DEFAULT" && (inputs.keyUsage ?? "ENCRYPT_DECRYPT") === "ENCRYPT_DECRYPT" && !isKnown(inputs.customKeyStoreId);
        return rotatable && inputs.enableKeyRotation !== true && inputs.enableKeyRotation !== UNKNOWN
            ? `enableKeyRotation must be true, got ${show(inputs.enableKeyRotation)}`
            : undefined;
    },
};

const PUBLIC_ACCESS_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];

const s38: PolicyRule = {
    id: "S3.8",
    description: "S3 buckets block public access with all four bucket-level settings.",
    level: "mandatory",
    remediation: "Declare an aws.s3.BucketPublicAccessBlock for the bucket with all four flags true.",
    resourceTypes: BUCKETS,
    scope: "stack",
    check: (bucket, context) => {
        const blocks = ofTypes(context, [PUBLIC_ACCESS_BLOCK]).filter((b) => refersTo(b, "bucket", b.inputs.bucket, bucket));
        if (blocks.length === 0) return "no BucketPublicAccessBlock covers this bucket";
        const missing = PUBLIC_ACCESS_FLAGS.filter((flag) => !blocks.some((b) => b.inputs[flag] === true || b.inputs[flag] === UNKNOWN));
        return missing.length === 0 ? undefined : `the BucketPublicAccessBlock must set ${missing.join(", ")} to true`;
    },
};

/** Whether a bucket policy statement denies every S3 action over plain HTTP to everyone. */
function deniesInsecureTransport(statement: Obj): boolean {
    const principal = statement.Principal;
    const everyone = principal === "*" || stringsOf(asObject(principal).AWS).includes("*");
    const actions = stringsOf(statement.Action);
    const secure = asObject(asObject(statement.Condition).Bool)["aws:SecureTransport"];
    return statement.Effect === "Deny" && everyone && (actions.includes("s3:*") || actions.includes("*")) && String(secure) === "false";
}

const s35: PolicyRule = {
    id: "S3.5",
    description: "S3 bucket policies deny requests that do not use TLS.",
    level: "mandatory",
    remediation: 'Add a bucket policy statement { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [bucketArn, `${bucketArn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } }.',
    resourceTypes: BUCKETS,
    scope: "stack",
    check: (bucket, context) => {
        const policies = ofTypes(context, [BUCKET_POLICY]).filter((p) => refersTo(p, "bucket", p.inputs.bucket, bucket));
        if (policies.length === 0) return "no BucketPolicy covers this bucket, so it accepts plain HTTP";
        const denies = policies.some((p) => {
            if (p.inputs.policy === UNKNOWN) return true;
            try {
                return asList(asObject(JSON.parse(String(p.inputs.policy))).Statement).some(deniesInsecureTransport);
            } catch {
                return false;
            }
        });
        return denies ? undefined : 'the bucket policy must deny s3:* to everyone when "aws:SecureTransport" is "false"';
    },
};

const statefulProtected: PolicyRule = {
    id: "stateful-protected",
    description: "In stacks that protect stateful resources, vaults, KMS keys, buckets and log groups are protected and retained on delete.",
    level: "mandatory",
    remediation: "Create the resource with statefulOptions(args.protectStatefulResources) (protect and retainOnDelete).",
    resourceTypes: [VAULT, KEY, LOG_GROUP, ...BUCKETS],
    scope: "resource",
    // retainOnDelete is judged only where it is visible (offline; CrossGuard does not pass it).
    check: ({ options }, context) => {
        if (!context.protectStatefulResources) return undefined;
        const missing = [!options.protect && "protect", options.retainOnDelete === false && "retainOnDelete"].filter(Boolean);
        return missing.length === 0 ? undefined : `stack ${context.stack} protects stateful resources, so this one needs ${missing.join(" and ")}`;
    },
};

const crossRegionCopy: PolicyRule = {
    id: "backup-cross-region-copy",
    description: "When the DR strategy spans two regions, every backup rule copies its recovery points to a vault in another region.",
    level: "mandatory",
    remediation: "Add a copy action to each plan rule with destinationVaultArn: a vault in the secondary region.",
    resourceTypes: [PLAN],
    // CrossGuard infers multiRegion from the other resources' regions (strategyRegions).
    scope: "stack",
    check: (plan, context) => {
        if (!context.multiRegion) return undefined;
        const home = isKnown(plan.region) ? plan.region : undefined;
        return asList(plan.inputs.rules).flatMap((rule, i) => {
            const destinations = asList(rule.copyActions).map((c) => c.destinationVaultArn);
            if (destinations.includes(UNKNOWN)) return [];
            const regions = destinations.map(arnRegion).filter((r): r is string => r !== undefined);
            const copiesOut = home === undefined ? destinations.length > 0 : regions.some((r) => r !== home);
            return copiesOut ? [] : [`rules[${i}] (${String(rule.ruleName)}) must copy to a vault outside ${home ?? "its region"}, it copies to ${show(regions)}`];
        });
    },
};

/** One security group rule, whether a rule resource or an inline block. */
interface SgRule {
    readonly direction: "ingress" | "egress";
    readonly protocol: unknown;
    readonly fromPort: unknown;
    readonly toPort: unknown;
    readonly cidrs: string[];
}

function sgRulesOf(r: PolicyResource): SgRule[] {
    const { inputs } = r;
    const inline = (direction: SgRule["direction"]) => asList(inputs[direction]).map((b) => ({
        direction, protocol: b.protocol, fromPort: b.fromPort, toPort: b.toPort, cidrs: [...stringsOf(b.cidrBlocks), ...stringsOf(b.ipv6CidrBlocks)],
    }));
    switch (r.type) {
        case SECURITY_GROUP:
            return [...inline("ingress"), ...inline("egress")];
        case INGRESS_RULE:
        case EGRESS_RULE:
            return [{
                direction: r.type === INGRESS_RULE ? "ingress" : "egress",
                protocol: inputs.ipProtocol, fromPort: inputs.fromPort, toPort: inputs.toPort,
                cidrs: stringsOf([inputs.cidrIpv4, inputs.cidrIpv6]),
            }];
        default:
            return [{
                direction: inputs.type === "egress" ? "egress" : "ingress",
                protocol: inputs.protocol, fromPort: inputs.fromPort, toPort: inputs.toPort,
                cidrs: [...stringsOf(inputs.cidrBlocks), ...stringsOf(inputs.ipv6CidrBlocks)],
            }];
    }
}

function describePorts({ protocol, fromPort, toPort }: SgRule): string {
    if (String(protocol) === "-1" || protocol === "all") return "all protocols and ports";
    return fromPort === toPort ? `${String(protocol)} port ${String(fromPort)}` : `${String(protocol)} ports ${String(fromPort)}-${String(toPort)}`;
}

/**
 * Whether `r` (a group, or a rule on one) is an ALB's security group: one an application load
 * balancer lists in `securityGroups`. An inline rule's own group is recognised only by its id or by
 * CrossGuard's references, which offline records lack, so inline world ingress fails offline.
 */
function isAlbSecurityGroup(r: PolicyResource, context: PolicyContext): boolean {
    const albs = ofTypes(context, LOAD_BALANCERS).filter(isAlb);
    return r.type === SECURITY_GROUP
        ? albs.some((lb) => refersTo(lb, "securityGroups", lb.inputs.securityGroups, r))
        : albs.some((lb) => shareReference(r, "securityGroupId", lb, "securityGroups"));
}

const sgNoWorld: PolicyRule = {
    id: "sg-no-world-open",
    description: "No security group is open to 0.0.0.0/0 or ::/0, except TCP 80 and 443 into an ALB's security group; never egress to the world.",
    level: "mandatory",
    remediation: "Allow a specific CIDR or a source/destination security group (referencedSecurityGroupId) instead of the world.",
    resourceTypes: [SECURITY_GROUP, INGRESS_RULE, EGRESS_RULE, LEGACY_SG_RULE],
    scope: "stack",
    check: (r, context) => sgRulesOf(r).flatMap((rule) => {
        const world = rule.cidrs.filter((c) => WORLD.includes(c));
        if (world.length === 0) return [];
        const ports = describePorts(rule);
        if (rule.direction === "egress") return [`egress to ${world.join(", ")} on ${ports} opens the security group to the world`];
        const albPort = ["tcp", "6"].includes(String(rule.protocol)) && rule.fromPort === rule.toPort && ALB_PUBLIC_PORTS.includes(Number(rule.fromPort));
        return albPort && isAlbSecurityGroup(r, context)
            ? []
            : [`ingress from ${world.join(", ")} on ${ports} opens the security group to the world; only an ALB's security group may take TCP 80/443 from it`];
    }),
};

/** Every rule, Security Hub controls first. */
export const policyRules: readonly PolicyRule[] = [
    elb1, elb4, elb5, elb6, elb12, elb13, elb16, backup1, kms4, s35, s38,
    vaultCmk, statefulProtected, crossRegionCopy, listenerTls, sgNoWorld,
];

/** Runs `rule` over one resource and returns its violations. */
export function checkResource(rule: PolicyRule, resource: PolicyResource, context: PolicyContext): PolicyViolation[] {
    if (!rule.resourceTypes.includes(resource.type)) return [];
    const found = rule.check(resource, context);
    const messages = found === undefined ? [] : Array.isArray(found) ? found : [found];
    return messages.map((message) => ({ id: rule.id, level: rule.level, urn: resource.urn, message }));
}

/**
 * The regions a stack's DR strategy builds in, as its resources show them: where its load balancers
 * (one per site) and backup vaults (a backup-restore secondary holds only its copy vault) are. Nothing
 * else counts, because some resources sit where AWS wants them whatever the strategy: Route 53
 * health-check alarms and their topic are always in us-east-1.
 */
export function strategyRegions(resources: readonly PolicyResource[]): string[] {
    const regions = resources.filter((r) => [...LOAD_BALANCERS, VAULT].includes(r.type) && isKnown(r.region)).map((r) => r.region as string);
    return [...new Set(regions)].sort();
}

/**
 * Every violation of every rule over a stack's resources, rule by rule and then by URN: resources
 * register in no fixed order, and the plan's output should not change between runs.
 */
export function evaluatePolicies(resources: readonly PolicyResource[], settings: PolicySettings): PolicyViolation[] {
    const context: PolicyContext = { stack: settings.stack, protectStatefulResources: settings.protectStatefulResources, multiRegion: settings.multiRegion, resources };
    const byUrn = [...resources].sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
    return policyRules.flatMap((rule) => byUrn.flatMap((r) => checkResource(rule, r, context)));
}
