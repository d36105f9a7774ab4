import { z } from "zod";
import { InputProblem } from "../components/shared/errors";
import { supportedRegions } from "../components/shared/regions";
import { validateNetworkArgs } from "../components/network/validate";
import { parseDuration } from "./duration";

/** The config namespace: every key is `pulumi-aws-dr:<section>`. */
export const NAMESPACE = "pulumi-aws-dr";

const int = (min: number, max: number) =>
    z.number({ error: `an integer ${min}..${max}` }).int({ error: `an integer ${min}..${max}` }).min(min, { error: `an integer ${min}..${max}` }).max(max, { error: `an integer ${min}..${max}` });

const region = z.enum(supportedRegions as [string, ...string[]]);

const duration = z.string().refine((s) => parseDuration(s) !== undefined && parseDuration(s)! > 0, {
    error: "a duration such as 90s, 15m, 1h or 1d",
});

/** Feeds a component's own pure validator into the schema, so config and library share one rule set. */
function componentRules<T>(validate: (value: T) => InputProblem[]) {
    return (value: T, ctx: z.RefinementCtx) => {
        for (const problem of validate(value)) {
            ctx.addIssue({ code: "custom", path: problem.path.split("."), message: problem.allowed, input: problem.value });
        }
    };
}

export const drStrategies = ["backup-restore", "pilot-light", "warm-standby", "active-active"] as const;

const drSection = z.strictObject({
    /** How the secondary region stands by. */
    strategy: z.enum(drStrategies),
    primaryRegion: region,
    /** Required by every strategy: backups are always copied out of the primary region. */
    secondaryRegion: region.optional(),
    objectives: z.strictObject({ rto: duration, rpo: duration }),
    /** Default: true for the stack named `prod`. */
    protectStatefulResources: z.boolean().optional(),
});

export function networkSection(primaryRegion: string | undefined) {
    return z
        .strictObject({
            cidrBlock: z.string().optional(),
            /** The secondary region's block; it must not overlap the primary's, so the two can be peered. */
            secondaryCidrBlock: z.string().optional(),
            availabilityZoneCount: int(2, 6).optional(),
            natGateways: z.enum(["none", "single", "onePerAz"]).optional(),
            flowLogRetentionDays: z.number().optional(),
        })
        .superRefine(componentRules((n) => validateNetworkArgs({ ...n }, primaryRegion)));
}

const tagsSection = z.record(z.string().regex(/^(?!aws:)[\w .:/=+\-@]{1,128}$/, { error: "a tag key of 1..128 characters, not starting with aws:" }), z.string().max(256, { error: "a tag value of at most 256 characters" }));

export function stackConfigSchema(primaryRegion: string | undefined) {
    return z.strictObject({
        dr: drSection,
        network: networkSection(primaryRegion).default({}),
        tags: tagsSection.default({}),
    });
}

export type StackConfig = z.infer<ReturnType<typeof stackConfigSchema>>;
export type DrConfig = z.infer<typeof drSection>;
