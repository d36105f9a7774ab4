import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadBalancerName, nameLimits, physicalName } from "../components/internal";

// Project and stack names as Pulumi allows them: letters of either case, digits, `-`, `_` and `.`.
const word = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,40}$/);

describe("physicalName", () => {
    it("joins project, stack, component and role", () => {
        expect(physicalName(["pulumi-aws-dr", "prod", "web", "alb"], 32)).toBe("pulumi-aws-dr-prod-web-alb");
    });

    it("cuts long names to the limit with a stable hash that keeps distinct names distinct", () => {
        const a = physicalName(["pulumi-aws-dr", "staging", "primary", "tg-green"], 32);
        const b = physicalName(["pulumi-aws-dr", "staging", "primary", "tg-blue"], 32);
        expect(a).toHaveLength(32);
        expect(a).toMatch(/^pulumi-aws-dr-staging-pr-[0-9a-f]{7}$/);
        expect(a).not.toBe(b);
        expect(physicalName(["pulumi-aws-dr", "staging", "primary", "tg-green"], 32)).toBe(a);
    });

    it("never gives a load balancer the name prefix ELB reserves", () => {
        expect(loadBalancerName(physicalName(["internal-tools", "prod", "web", "alb"], 32))).toBe(
            "internaltools-prod-web-alb",
        );
        expect(loadBalancerName("web-internal-alb")).toBe("web-internal-alb");
    });

    it("fits every AWS limit and the ELB name rules for any project and stack name", () => {
        fc.assert(
            fc.property(
                word,
                word,
                word,
                fc.constantFrom("alb", "tg-blue", "logs", "vault", "backup-role"),
                (project, stack, component, role) => {
                    for (const limit of Object.values(nameLimits)) {
                        const name = physicalName([project, stack, component, role], limit);
                        expect(name.length).toBeLessThanOrEqual(limit);
                        // ELB, S3 and IAM all accept this alphabet; no leading or trailing hyphen (ELB rule).
                        expect(name).toMatch(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/);
                        expect(name).not.toMatch(/--/);
                    }
                    expect(
                        loadBalancerName(physicalName([project, stack, component, "alb"], nameLimits.loadBalancer)),
                    ).not.toMatch(/^internal-/);
                },
            ),
            { numRuns: 500 },
        );
    });
});
