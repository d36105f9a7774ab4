/**
 * DR cases for failover automation (issue #16, "automation on the failover path"): the report counts the
 * trigger from the alarms components/failover declares, not from the 30-minute manual assumption, and never
 * credits automation with what it cannot do. Each case argues its figure from AWS's documented behaviour.
 */
import { describe, expect, it } from "vitest";
import { drReport, DrModelInput } from "../dr";
import { evaluateStack, stackConfig } from "../tools/engine";
import {
    auroraReplicated,
    ebsRestoredIn,
    failoverFixture,
    objectives,
    stackInput,
    stateless,
} from "./dr.failover.fixtures";

const rtoParts = (input: DrModelInput) =>
    drReport(input)
        .parts.filter((p) => p.objective === "rto")
        .map((p) => [p.name.split(" (")[0], p.seconds]);
const rto = (input: DrModelInput) => drReport(input).achieved.rtoSeconds;

describe("a recovery-region probe raises the standby (components/failover)", () => {
    it("a pilot light is raised by the probe's alarm, not by a person: probe interval + timeout + period × datapoints", () => {
        // The probe runs every 60 s, so a failure waits at most 60 s for the next run, which gives up after its
        // 10 s timeout; the alarm needs 2 failed 60 s data points (period × datapointsToAlarm); EventBridge and SSM
        // start the raise in 60 s (assumption). 250 s from the failure, alongside the 48 s of Route 53's detection
        // (3 × (10 s + 6 s HTTPS timeout)): 202 s beyond it. Then the fleet launches (300 s warm-up + 30 s healthy),
        // its own Route 53 check passes (the check under way 6 s, then 3 × (10 + 6)) and resolvers move (60 s).
        // Without automation a person took 30 min (1800 s) to raise it.
        const input = stackInput("pilot-light", { ...stateless, failover: failoverFixture("automatic") });
        expect(rtoParts(input)).toEqual([
            ["detect", 48],
            ["dns", 60],
            ["raise", 60 + 10 + 120 + 60 - 48],
            ["capacity", 330],
            ["standby healthy", 6 + 48],
        ]);
        expect(rto(input)).toBe(48 + 60 + 202 + 330 + 54);
        expect(rto(stackInput("pilot-light", stateless))).toBe(48 + 60 + 1800 + 330 + 54);
    });

    it("the raise term follows the declared alarm: 3 data points of 60 s wait one period more than 2", () => {
        const two = stackInput("pilot-light", { ...stateless, failover: failoverFixture("automatic") });
        const three = stackInput("pilot-light", {
            ...stateless,
            failover: failoverFixture("automatic", {
                probeAlarmSeconds: { value: 180, path: "pulumi-aws-dr:dr.failover.probe" },
            }),
        });
        expect(rto(three) - rto(two)).toBe(60);
        const raise = drReport(three).parts.find((p) => p.name.startsWith("raise"))!;
        expect(raise.source).toContain("alarm 3m (period × datapointsToAlarm, pulumi-aws-dr:dr.failover.probe)");
        expect(raise.path).toBe("pulumi-aws-dr:dr.assumptions.automationStart");
    });

    it("a warm standby below full size is raised in one step, not in target-tracking steps", () => {
        // UpdateAutoScalingGroup with MinSize above the current size sets DesiredCapacity to it
        // (API_UpdateAutoScalingGroup): 1 -> 4 at once, one warm-up. Target tracking would take 1 -> 2 -> 4,
        // two steps of 3 min alarm + 5 min warm-up each.
        const fleets = stackInput("warm-standby").fleets.map((f) => ({ ...f, standby: { ...f.standby, desired: 1 } }));
        const raised = stackInput("warm-standby", { ...stateless, fleets, failover: failoverFixture("automatic") });
        const stepped = stackInput("warm-standby", { ...stateless, fleets });
        const capacity = (input: DrModelInput) => drReport(input).parts.find((p) => p.name.startsWith("capacity"))!;
        expect(capacity(raised).seconds).toBe(300 + 30);
        expect(capacity(raised).name).toBe("capacity (raise to full, web)");
        expect(capacity(stepped).seconds).toBe(2 * (180 + 300) + 30);
    });

    it("a standby already at full size needs no raise at all", () => {
        const input = stackInput("active-active", { ...stateless, failover: failoverFixture("automatic") });
        expect(rtoParts(input)).toEqual([
            ["detect", 48],
            ["dns", 60],
        ]);
    });
});

describe("data promotion: automatic when two witnesses agree, manual with a named owner", () => {
    it("automatic: the promotion starts when the probe's alarm and the standby's traffic alarm are both in ALARM", () => {
        // A warm standby at full size takes traffic once Route 53 has moved it (48 s + 60 s). The composite alarm
        // needs the probe's alarm (250 s - 60 s start = 190 s from the failure) and the traffic alarm (1 × 60 s
        // after traffic arrives, 168 s): the later is 190 s, 82 s beyond the 108 s counted. Then 60 s to start the
        // promotion document and Aurora's 10 min failover (assumption).
        const input = stackInput("active-active", { failover: failoverFixture("automatic"), ...auroraReplicated() });
        expect(rtoParts(input)).toEqual([
            ["detect", 48],
            ["dns", 60],
            ["witnesses", 82 + 60],
            ["data recovery", 600],
        ]);
        expect(rto(input)).toBe(850);
        // The same stack with nobody but a person starting the failover: 30 min instead of 160 s.
        expect(rto(stackInput("active-active", auroraReplicated()))).toBe(48 + 60 + 1800 + 600);
    });

    it("automatic: when the traffic alarm is the later witness, it is what the term counts", () => {
        // Traffic alarm of 5 × 60 s: 90 + 300 = 390 s > the probe's 190 s.
        const input = stackInput("active-active", {
            failover: failoverFixture("automatic", {
                trafficAlarmSeconds: { value: 300, path: "pulumi-aws-dr:dr.failover.traffic" },
            }),
            ...auroraReplicated(),
        });
        expect(rtoParts(input)).toContainEqual(["witnesses", 300 + 60]);
    });

    it("a pilot light's second witness comes only after its standby serves: its traffic follows its own health check", () => {
        // Route 53 sends a pilot light nothing until its record's check is healthy, so the traffic alarm starts
        // after raise + launch + standby healthy + TTL; the probe's alarm is long in ALARM by then.
        const input = stackInput("pilot-light", { failover: failoverFixture("automatic"), ...auroraReplicated() });
        expect(rtoParts(input)).toEqual([
            ["detect", 48],
            ["dns", 60],
            ["raise", 202],
            ["capacity", 330],
            ["standby healthy", 54],
            ["witnesses", 60 + 60],
            ["data recovery", 600],
        ]);
    });

    it("manual: the owner's decide-and-act step stays a named assumption, counted alongside the raise", () => {
        const input = stackInput("pilot-light", { failover: failoverFixture("manual"), ...auroraReplicated() });
        const trigger = drReport(input).parts.find((p) => p.name.startsWith("trigger"))!;
        // 1800 s from detection, of which raise + capacity + standby healthy and the resolvers' cache (646 s) are
        // already counted: the person does not wait for the cache, so it is not counted twice.
        expect(trigger.seconds).toBe(1800 - (202 + 330 + 54 + 60));
        expect(trigger.assumption).toBe(true);
        expect(trigger.source).toContain("platform-oncall (pulumi-aws-dr:dr.failover.mode)");
        expect(drReport(input).assumptions.map((a) => a.path)).toContain(
            "pulumi-aws-dr:dr.assumptions.scaleOutTrigger",
        );
    });

    it("automation promotes replicas but restores nothing: an AWS Backup restore still waits for a person", () => {
        const input = stackInput("warm-standby", { ...ebsRestoredIn(3600), failover: failoverFixture("automatic") });
        const names = drReport(input).parts.map((p) => p.name);
        expect(names).toContain("trigger (decide and start the data recovery, manual)");
        expect(names.some((n) => n.startsWith("witnesses"))).toBe(false);
    });

    it("meets a 15 min objective only through automation, and says which premises it rests on", () => {
        const automatic = stackInput("active-active", {
            failover: failoverFixture("automatic"),
            ...auroraReplicated(),
            ...objectives(900, 9 * 3600),
        });
        expect(drReport(automatic).disruptions[0].verdict).toBe("met");
        const manual = stackInput("active-active", { ...auroraReplicated(), ...objectives(900, 9 * 3600) });
        expect(drReport(manual).disruptions[0].verdict).toBe("not met");
        expect(drReport(automatic).premises.map((p) => p.name)).toEqual(
            expect.arrayContaining([
                "each alarm decides as its last period ends",
                "the standby receives at least 300 requests a period once Route 53 has moved traffic",
            ]),
        );
    });

    it("warns when the probe cannot reach the primary: traffic alone would guard the promotion", () => {
        const input = stackInput("active-active", {
            failover: failoverFixture("automatic", { probeReachesPrimary: false }),
            ...auroraReplicated(),
        });
        const warning = drReport(input).findings.find((f) => f.path === "pulumi-aws-dr:dr.failover.mode")!;
        expect(warning.severity).toBe("warning");
        expect(warning.message).toContain("split brain");
        // The RTO is unchanged: an alarm already in ALARM is never later than counted.
        expect(rto(input)).toBe(850);
    });
});

/**
 * Behind a CDN the primary's ALB refuses the recovery-region probe, so its alarm is in ALARM from deploy on, and
 * EventBridge's "CloudWatch Alarm State Change" event fires only on a change of state
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch-and-eventbridge.html): in a disaster
 * nothing starts the raise. The report must not count it.
 */
describe("a probe the primary refuses raises nothing", () => {
    const blind = (mode: "automatic" | "manual") => failoverFixture(mode, { probeReachesPrimary: false });

    it("a pilot light behind a CDN is raised by a person, as without automation", () => {
        const input = stackInput("pilot-light", { ...stateless, failover: blind("automatic") });
        expect(rtoParts(input)).toEqual([
            ["detect", 48],
            ["dns", 60],
            ["trigger", 1800],
            ["capacity", 330],
            ["standby healthy", 54],
        ]);
        expect(rto(input)).toBe(rto(stackInput("pilot-light", stateless)));
    });

    it("a warm standby below full size behind a CDN scales in target-tracking steps, not in one raise", () => {
        const fleets = stackInput("warm-standby").fleets.map((f) => ({ ...f, standby: { ...f.standby, desired: 1 } }));
        const input = stackInput("warm-standby", { ...stateless, fleets, failover: blind("automatic") });
        const capacity = drReport(input).parts.find((p) => p.name.startsWith("capacity"))!;
        // 1 -> 2 -> 4: two steps of the 3 min alarm + 5 min warm-up, then 30 s of healthy checks.
        expect(capacity.seconds).toBe(2 * (180 + 300) + 30);
        expect(drReport(input).parts.some((p) => p.name.startsWith("raise"))).toBe(false);
    });

    it("a standby already at full size needs no raise, so the automation still counts for the promotion", () => {
        const input = stackInput("active-active", { failover: blind("automatic"), ...auroraReplicated() });
        expect(rtoParts(input).map(([name]) => name)).toContain("witnesses");
    });

    it("the stack config refuses failover automation behind a CDN with a standby to raise, naming dr.failover.mode", async () => {
        // prod with its old half-size standby: web 2 of 3 in us-west-2.
        const dr = JSON.parse(stackConfig("prod").values["pulumi-aws-dr:dr"]);
        const error = await evaluateStack("prod", {
            configOverrides: { "pulumi-aws-dr:dr": { ...dr, standbyCapacityPercent: 50 } },
        }).then(
            () => undefined,
            (e: Error) => e,
        );
        expect(error?.message).toContain("pulumi-aws-dr:dr.failover.mode");
        expect(error?.message).toContain("nothing would raise web");
        expect(error?.message).toContain(
            "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch-and-eventbridge.html",
        );
        // At full size nothing needs raising: prod as shipped is accepted.
        await expect(evaluateStack("prod")).resolves.toBeDefined();
    });
});

/**
 * Staging's path (issue: the restore path stopped at "restore finished"): a pilot light raised by the probe, whose
 * EBS data comes back from AWS Backup copies. A person paged at detection starts the restore after the trigger time
 * (the raise, the launch, the standby's check and the resolvers' cache run meanwhile). The fleets were launched on
 * none of the restored data, so once the restore finishes someone attaches the volumes or relaunches the fleets onto
 * them (15 min, an assumption: AWS publishes no bound), they warm up and pass the target group's checks (330 s), the
 * standby's own Route 53 check turns healthy again (6 + 3 × (10 + 6) = 54 s) and resolvers drop the primary's answer
 * Route 53 gave meanwhile (60 s). Volumes from snapshots load lazily
 * (https://docs.aws.amazon.com/ebs/latest/userguide/ebs-initialize.html): served, not at full speed.
 */
describe("a restore of the fleets' own data ends when they serve it", () => {
    it("counts detection, the person's trigger from detection, the restore, then the relaunch chain, DNS once", () => {
        const input = stackInput("pilot-light", {
            backedUp: ebsRestoredIn(3600),
            failover: failoverFixture("automatic"),
        });
        const parts = rtoParts(input);
        expect(parts.map(([name]) => name)).toEqual([
            "detect",
            "dns",
            "raise",
            "capacity",
            "standby healthy",
            "trigger",
            "restore",
            "attach",
        ]);
        expect(parts.find(([name]) => name === "attach")![1]).toBe(900 + 330 + 54 + 60);
        // The resolvers' first minute runs while the person is still on the way: it is inside the 1800 s.
        expect(rto(input)).toBe(48 + 1800 + 3600 + (900 + 330 + 54 + 60));
        const attach = drReport(input).parts.find((p) => p.name.startsWith("attach"))!;
        expect(attach).toMatchObject({ assumption: true, path: "pulumi-aws-dr:dr.assumptions.restoreAttach" });
        expect(drReport(input).assumptions.map((a) => [a.path, a.declared])).toContainEqual([
            "pulumi-aws-dr:dr.assumptions.restoreAttach",
            false,
        ]);
        // A declared attach time replaces the default.
        const declared = stackInput("pilot-light", {
            backedUp: ebsRestoredIn(3600),
            failover: failoverFixture("automatic"),
            restoreAttachSeconds: { value: 300, path: "pulumi-aws-dr:dr.assumptions.restoreAttach", declared: true },
        });
        expect(rto(input) - rto(declared)).toBe(600);
    });

    it("a replicated store promoted in place needs no relaunch: only the fleets' own data does", () => {
        const input = stackInput("pilot-light", { failover: failoverFixture("automatic"), ...auroraReplicated() });
        expect(rtoParts(input).map(([name]) => name)).not.toContain("attach");
    });
});
