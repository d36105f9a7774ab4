/**
 * DR cases for failover automation (issue #16, "automation on the failover path"): the report counts the
 * trigger from the alarms components/failover declares, not from the 30-minute manual assumption, and never
 * credits automation with what it cannot do. Each case argues its figure from AWS's documented behaviour.
 */
import { describe, expect, it } from "vitest";
import { drReport, DrModelInput } from "../dr";
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
        // start the raise in 60 s (assumption). 250 s from the failure, alongside the 30 s of Route 53's detection:
        // 220 s beyond it. Then the fleet launches (300 s warm-up + 30 s healthy), its own Route 53 check passes
        // (10 s × 3) and resolvers move (60 s). Without automation a person took 30 min (1800 s) to raise it.
        const input = stackInput("pilot-light", { ...stateless, failover: failoverFixture("automatic") });
        expect(rtoParts(input)).toEqual([
            ["detect", 30],
            ["dns", 60],
            ["raise", 60 + 10 + 120 + 60 - 30],
            ["capacity", 330],
            ["standby healthy", 30],
        ]);
        expect(rto(input)).toBe(30 + 60 + 220 + 330 + 30);
        expect(rto(stackInput("pilot-light", stateless))).toBe(30 + 60 + 1800 + 330 + 30);
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
            ["detect", 30],
            ["dns", 60],
        ]);
    });
});

describe("data promotion: automatic when two witnesses agree, manual with a named owner", () => {
    it("automatic: the promotion starts when the probe's alarm and the standby's traffic alarm are both in ALARM", () => {
        // A warm standby at full size takes traffic once Route 53 has moved it (30 s + 60 s). The composite alarm
        // needs the probe's alarm (250 s - 60 s start = 190 s from the failure) and the traffic alarm (1 × 60 s
        // after traffic arrives, 150 s): the later is 190 s, 100 s beyond the 90 s counted. Then 60 s to start the
        // promotion document and Aurora's 10 min failover (assumption).
        const input = stackInput("active-active", { failover: failoverFixture("automatic"), ...auroraReplicated() });
        expect(rtoParts(input)).toEqual([
            ["detect", 30],
            ["dns", 60],
            ["witnesses", 100 + 60],
            ["data recovery", 600],
        ]);
        expect(rto(input)).toBe(850);
        // The same stack with nobody but a person starting the failover: 30 min instead of 160 s.
        expect(rto(stackInput("active-active", auroraReplicated()))).toBe(30 + 60 + 1800 + 600);
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
            ["detect", 30],
            ["dns", 60],
            ["raise", 220],
            ["capacity", 330],
            ["standby healthy", 30],
            ["witnesses", 60 + 60],
            ["data recovery", 600],
        ]);
    });

    it("manual: the owner's decide-and-act step stays a named assumption, counted alongside the raise", () => {
        const input = stackInput("pilot-light", { failover: failoverFixture("manual"), ...auroraReplicated() });
        const trigger = drReport(input).parts.find((p) => p.name.startsWith("trigger"))!;
        // 1800 s from detection, of which raise + capacity + standby healthy (580 s) are already counted.
        expect(trigger.seconds).toBe(1800 - (220 + 330 + 30));
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
