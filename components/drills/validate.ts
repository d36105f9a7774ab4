import { InputProblem } from "../shared/errors";
import { isDeferred, Problems } from "../shared/validation";
import { LOG_RETENTION_DAYS } from "../network/validate";
import { ApplicationLossDrillArgs, AzFailureDrillArgs, DrillExpectation, DrillTemplatesArgs } from "./args";

/**
 * FIS's limits, from its API reference: a template's description is at most 512 characters
 * (https://docs.aws.amazon.com/fis/latest/APIReference/API_CreateExperimentTemplate.html), a target
 * takes at most 5 ARNs (API_CreateExperimentTemplateTargetInput.html), and the actions used here run
 * for PT1M..PT12H (https://docs.aws.amazon.com/fis/latest/userguide/fis-actions-reference.html).
 */
export const FIS_LIMITS = {
    descriptionLength: 512,
    targetArns: 5,
    durationMinutes: { min: 1, max: 720 },
    /** CloudWatch: evaluationPeriods × period at most one day (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html). */
    overrunSeconds: { min: 60, max: 86400 },
    autoScalingGroups: 10,
} as const;

/** What each drill does, the description's first sentence. */
const DRILL_SENTENCES = {
    azFailure: "Loss of one Availability Zone of the primary: all traffic in and out of its subnets is denied.",
    applicationLoss: "Loss of the primary's application tier: every instance of its Auto Scaling groups is terminated.",
} as const;

/** The template's description: what the drill does, then the recovery the DR report expects. */
export function drillDescription(kind: keyof typeof DRILL_SENTENCES, expected: DrillExpectation): string {
    return `${DRILL_SENTENCES[kind]} Expected (DR report, ${expected.disruption}): ${expected.timeline}`;
}

function checkStops(p: Problems, path: string, drill: AzFailureDrillArgs | ApplicationLossDrillArgs): void {
    const alarms = drill.stopConditionAlarmArns ?? [];
    p.require(
        alarms.length > 0 || drill.overrun !== undefined,
        `${path}.stopConditionAlarmArns`,
        drill.stopConditionAlarmArns,
        "at least one alarm, or `overrun`: an experiment with no stop condition runs to its end however much it hurts",
    );
    if (drill.overrun) {
        p.integerIn(
            `${path}.overrun.afterSeconds`,
            drill.overrun.afterSeconds,
            FIS_LIMITS.overrunSeconds.min,
            FIS_LIMITS.overrunSeconds.max,
        );
        p.require(
            Object.keys(drill.overrun.targetGroupArnSuffixes ?? {}).length > 0,
            `${path}.overrun.targetGroupArnSuffixes`,
            drill.overrun.targetGroupArnSuffixes,
            "at least one target group to watch",
        );
    }
}

function checkExpected(
    p: Problems,
    path: string,
    kind: keyof typeof DRILL_SENTENCES,
    expected: DrillExpectation | undefined,
): void {
    if (!expected || typeof expected.timeline !== "string") {
        p.add(`${path}.expected`, expected, "{ timeline, rto, disruption } from the DR report");
        return;
    }
    const description = drillDescription(kind, expected);
    p.require(
        description.length <= FIS_LIMITS.descriptionLength,
        `${path}.expected.timeline`,
        expected.timeline,
        `a timeline that keeps the description within ${FIS_LIMITS.descriptionLength} characters (it makes ${description.length})`,
    );
    for (const key of ["rto", "disruption"] as const)
        p.require(
            typeof expected[key] === "string" && expected[key].length > 0 && expected[key].length <= 256,
            `${path}.expected.${key}`,
            expected[key],
            "1..256 characters (a tag value)",
        );
}

const knownLength = (list: unknown): list is unknown[] => Array.isArray(list);

/** Every problem with a DrillTemplates' arguments. Pure. */
export function validateDrillTemplatesArgs(args: DrillTemplatesArgs): InputProblem[] {
    const p = new Problems();
    p.require(
        args.azFailure !== undefined || args.applicationLoss !== undefined,
        "azFailure",
        undefined,
        "at least one drill: azFailure, applicationLoss or both",
    );
    const az = args.azFailure;
    if (az) {
        if (!isDeferred(az.subnetIds))
            p.require(
                knownLength(az.subnetIds) && az.subnetIds.length >= 1 && az.subnetIds.length <= FIS_LIMITS.targetArns,
                "azFailure.subnetIds",
                az.subnetIds,
                `1..${FIS_LIMITS.targetArns} subnets of the one AZ (FIS takes at most ${FIS_LIMITS.targetArns} target ARNs)`,
            );
        p.integerIn("azFailure.durationMinutes", az.durationMinutes, 1, FIS_LIMITS.durationMinutes.max);
        p.require(az.vpcId !== undefined, "azFailure.vpcId", az.vpcId, "the subnets' VPC; required");
        p.require(
            az.availabilityZone !== undefined,
            "azFailure.availabilityZone",
            az.availabilityZone,
            "the AZ's name; required",
        );
        checkStops(p, "azFailure", az);
        checkExpected(p, "azFailure", "azFailure", az.expected);
    }
    const app = args.applicationLoss;
    if (app) {
        if (!isDeferred(app.autoScalingGroupNames))
            p.require(
                knownLength(app.autoScalingGroupNames) &&
                    app.autoScalingGroupNames.length >= 1 &&
                    app.autoScalingGroupNames.length <= FIS_LIMITS.autoScalingGroups,
                "applicationLoss.autoScalingGroupNames",
                app.autoScalingGroupNames,
                `1..${FIS_LIMITS.autoScalingGroups} Auto Scaling groups`,
            );
        p.integerIn("applicationLoss.observeMinutes", app.observeMinutes, 1, FIS_LIMITS.durationMinutes.max);
        checkStops(p, "applicationLoss", app);
        checkExpected(p, "applicationLoss", "applicationLoss", app.expected);
    }
    p.oneOf("logRetentionDays", args.logRetentionDays, LOG_RETENTION_DAYS);
    return [...p.list];
}

/** An ISO-8601 duration in whole minutes, as FIS's duration parameters take it: `PT30M`. */
export const isoMinutes = (minutes: number) => `PT${minutes}M`;
