/**
 * The FIS drills' arguments from the stack config and its DR report: what each template targets in the
 * primary region, which of the stack's alarms stop it, and the recovery the report expects.
 */
import * as pulumi from "@pulumi/pulumi";
import type { DrillExpectation, DrillTemplatesArgs } from "../components";
import { networkDefaults } from "../components/internal";
import { DrModelInput, DrReport, drReport, formatSeconds } from "../dr";
import { DrillDisruption, drillTimeline, timelineSummary } from "../dr/drill";
import { StackContext } from "./compose";
import { drModelInput } from "./drInput";

/** What the stack built in its primary region, as the drills need it. */
export interface PrimarySite {
    readonly region: string;
    readonly vpcId: pulumi.Input<string>;
    /** In AZ order, as the network builds them. */
    readonly publicSubnetIds: pulumi.Input<string>[];
    readonly privateSubnetIds: pulumi.Input<string>[];
    readonly availabilityZones: pulumi.Input<string[]>;
    /** The ALB's alarms by role (`MultiAzAlb.alarmArns`). */
    readonly alarmArns: Record<string, pulumi.Input<string>>;
    readonly loadBalancerArnSuffix: pulumi.Input<string>;
    readonly targetGroupArnSuffixes: Record<string, pulumi.Input<string>>;
    /** The primary's fleets' Auto Scaling groups. */
    readonly autoScalingGroupNames: pulumi.Input<string>[];
}

const MAX_MINUTES = 720;
const clampMinutes = (seconds: number) => Math.min(MAX_MINUTES, Math.max(1, Math.ceil(seconds / 60)));
/** CloudWatch evaluates an alarm over at most a day. */
const clampOverrun = (seconds: number) => Math.min(86400, Math.max(60, Math.ceil(seconds / 60) * 60));

function expectation(
    input: DrModelInput,
    report: DrReport,
    disruption: DrillDisruption,
): DrillExpectation & { seconds: number } {
    const timeline = drillTimeline(input, report, disruption);
    const seconds = timeline.achieved.rtoSeconds ?? report.achieved.rtoSeconds;
    return {
        disruption,
        timeline:
            timeline.verdict === "not covered"
                ? `not covered (one region); the report's rebuild RTO is ${formatSeconds(report.achieved.rtoSeconds)} worst`
                : timelineSummary(timeline),
        rto: formatSeconds(seconds),
        seconds,
    };
}

/**
 * The drills of a stack with `dr.drills.enabled`, or undefined. The AZ failure cuts off the subnets
 * of `dr.drills.zoneIndex` for the AZ RTO the report expects, and stops when a target group the AZ's
 * loss should leave serving has no healthy target (its `no-healthy-hosts` alarm), or when any fleet's
 * group has had none for longer than that RTO. The application-tier loss terminates the primary's
 * fleets, watches for the regional RTO, and stops when a group has had no healthy target for longer:
 * every alarm of the primary is expected to go off, so only the overrun says it hurts more than expected.
 */
export function drillTemplatesArgs(ctx: StackContext, site: PrimarySite): DrillTemplatesArgs | undefined {
    const drills = ctx.config.dr.drills;
    if (!drills?.enabled) return undefined;
    // The DR model only for a stack that has drills: the others' plans do not pay for it.
    const input = drModelInput(ctx);
    const report = drReport(input);
    const zoneIndex = drills.zoneIndex ?? 0;
    const zones = ctx.config.network.availabilityZoneCount ?? networkDefaults.availabilityZoneCount;
    const az = expectation(input, report, "az");
    const region = expectation(input, report, "region");
    const fleetGroups = Object.fromEntries(
        input.fleets
            .filter((f) => site.targetGroupArnSuffixes[f.targetGroup] !== undefined)
            .map((f) => [f.targetGroup, site.targetGroupArnSuffixes[f.targetGroup]]),
    );
    const survivors = input.fleets
        .filter((f) => f.primary.desired - Math.ceil(f.primary.desired / zones) > 0)
        .map((f) => site.alarmArns[`tg-${f.targetGroup}-no-healthy-hosts`])
        .filter((arn): arn is pulumi.Input<string> => arn !== undefined);
    const overrun = (seconds: number) => ({
        loadBalancerArnSuffix: site.loadBalancerArnSuffix,
        targetGroupArnSuffixes: fleetGroups,
        afterSeconds: clampOverrun(seconds),
    });
    const { seconds: azSeconds, ...azExpected } = az;
    const { seconds: regionSeconds, ...regionExpected } = region;
    return {
        region: site.region,
        azFailure: {
            vpcId: site.vpcId,
            subnetIds: [site.publicSubnetIds[zoneIndex], site.privateSubnetIds[zoneIndex]],
            availabilityZone: pulumi.output(site.availabilityZones).apply((names) => names[zoneIndex]),
            durationMinutes: drills.azDurationMinutes ?? clampMinutes(azSeconds),
            stopConditionAlarmArns: survivors,
            overrun: overrun(azSeconds),
            expected: azExpected,
        },
        applicationLoss: {
            autoScalingGroupNames: site.autoScalingGroupNames,
            observeMinutes: drills.observeMinutes ?? clampMinutes(regionSeconds),
            overrun: overrun(regionSeconds),
            expected: regionExpected,
        },
        protectStatefulResources: ctx.protect,
        tags: ctx.tags,
    };
}
