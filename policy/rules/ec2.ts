/** Amazon EC2 security groups: nothing open to the world but an ALB's HTTP and HTTPS. */
import { refersTo, shareReference, stringsOf } from "../match";
import { PolicyContext, PolicyResource, PolicyRule } from "../types";
import {
    asList,
    EGRESS_RULE,
    INGRESS_RULE,
    isAlb,
    LEGACY_SG_RULE,
    LOAD_BALANCERS,
    ofTypes,
    SECURITY_GROUP,
} from "./resources";

const WORLD = ["0.0.0.0/0", "::/0"];
const ALB_PUBLIC_PORTS = [80, 443];

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
    const inline = (direction: SgRule["direction"]) =>
        asList(inputs[direction]).map((b) => ({
            direction,
            protocol: b.protocol,
            fromPort: b.fromPort,
            toPort: b.toPort,
            cidrs: [...stringsOf(b.cidrBlocks), ...stringsOf(b.ipv6CidrBlocks)],
        }));
    switch (r.type) {
        case SECURITY_GROUP:
            return [...inline("ingress"), ...inline("egress")];
        case INGRESS_RULE:
        case EGRESS_RULE:
            return [
                {
                    direction: r.type === INGRESS_RULE ? "ingress" : "egress",
                    protocol: inputs.ipProtocol,
                    fromPort: inputs.fromPort,
                    toPort: inputs.toPort,
                    cidrs: stringsOf([inputs.cidrIpv4, inputs.cidrIpv6]),
                },
            ];
        default:
            return [
                {
                    direction: inputs.type === "egress" ? "egress" : "ingress",
                    protocol: inputs.protocol,
                    fromPort: inputs.fromPort,
                    toPort: inputs.toPort,
                    cidrs: [...stringsOf(inputs.cidrBlocks), ...stringsOf(inputs.ipv6CidrBlocks)],
                },
            ];
    }
}

function describePorts({ protocol, fromPort, toPort }: SgRule): string {
    if (String(protocol) === "-1" || protocol === "all") return "all protocols and ports";
    return fromPort === toPort
        ? `${String(protocol)} port ${String(fromPort)}`
        : `${String(protocol)} ports ${String(fromPort)}-${String(toPort)}`;
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

export const sgNoWorld: PolicyRule = {
    id: "sg-no-world-open",
    severity: "high",
    url: "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html",
    tags: ["ec2", "network-exposure"],
    description:
        "No security group is open to 0.0.0.0/0 or ::/0, except TCP 80 and 443 into an ALB's security group; never egress to the world.",
    level: "mandatory",
    remediation:
        "Allow a specific CIDR or a source/destination security group (referencedSecurityGroupId) instead of the world.",
    resourceTypes: [SECURITY_GROUP, INGRESS_RULE, EGRESS_RULE, LEGACY_SG_RULE],
    scope: "stack",
    check: (r, context) =>
        sgRulesOf(r).flatMap((rule) => {
            const world = rule.cidrs.filter((c) => WORLD.includes(c));
            if (world.length === 0) return [];
            const ports = describePorts(rule);
            if (rule.direction === "egress")
                return [`egress to ${world.join(", ")} on ${ports} opens the security group to the world`];
            const albPort =
                ["tcp", "6"].includes(String(rule.protocol)) &&
                rule.fromPort === rule.toPort &&
                ALB_PUBLIC_PORTS.includes(Number(rule.fromPort));
            return albPort && isAlbSecurityGroup(r, context)
                ? []
                : [
                      `ingress from ${world.join(", ")} on ${ports} opens the security group to the world; only an ALB's security group may take TCP 80/443 from it`,
                  ];
        }),
};
