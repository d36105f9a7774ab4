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

describe("data promotion: automatic once Route 53 answers with the standby, manual with a named owner", () => {
    it("automatic: the promotion starts when the DNS witness and the probe's alarm are both in ALARM", () => {
        // Route 53 answers the failover record with the secondary only while the primary's health check is
        // unhealthy (dns-failover-types.html): 3 × (10 s + 6 s) of checks, then resolvers may hold the primary's
        // answer for the alias's 60 s TTL. From there the canary's next run is at most 60 s away, its lookup times out
        // in 10 s, and the DNS alarm needs 2 × 60 s of runs that saw the standby: 108 + 190 = 298 s from the failure.
        // The probe's alarm is in ALARM at 60 + 10 + 120 = 190 s, before. Then 60 s to start the promotion document:
        // 358 s, 250 s beyond the 108 s counted; then Aurora's 10 min failover (assumption).
        const input = stackInput("active-active", { failover: failoverFixture("automatic"), ...auroraReplicated() });
        expect(rtoParts(input)).toEqual([
            ["detect", 48],
            ["dns", 60],
            ["witnesses", 298 + 60 - 108],
            ["data recovery", 600],
        ]);
        expect(rto(input)).toBe(958);
        // The same stack with nobody but a person starting the failover: 30 min instead of 250 s.
        expect(rto(stackInput("active-active", auroraReplicated()))).toBe(48 + 60 + 1800 + 600);
    });

    it("automatic: when the probe's alarm is the later witness, it is what the term counts", () => {
        // Probe alarm of 10 × 60 s: 60 + 10 + 600 = 670 s from the failure, later than the DNS witness's 298 s.
        const input = stackInput("active-active", {
            failover: failoverFixture("automatic", {
                probeAlarmSeconds: { value: 600, path: "pulumi-aws-dr:dr.failover.probe" },
            }),
            ...auroraReplicated(),
        });
        expect(rtoParts(input)).toContainEqual(["witnesses", 670 + 60 - 108]);
    });

    it("a pilot light's DNS witness comes only after its standby serves: Route 53 answers with it once its own check passes", () => {
        // While both checks are unhealthy Route 53 answers with the primary (dns-failover-types.html), so the
        // resolver sees the standby only after raise + launch + standby healthy + TTL (694 s); then 190 s of the
        // DNS witness and 60 s to start the promotion. The probe's alarm is long in ALARM by then.
        const input = stackInput("pilot-light", { failover: failoverFixture("automatic"), ...auroraReplicated() });
        expect(rtoParts(input)).toEqual([
            ["detect", 48],
            ["dns", 60],
            ["raise", 202],
            ["capacity", 330],
            ["standby healthy", 54],
            ["witnesses", 190 + 60],
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

    it("meets a 15 min objective only through automation with a 1-data-point DNS witness, and says which premises it rests on", () => {
        // 2 data points: 958 s > 900 s. 1 data point: the DNS witness at 108 + 130 = 238 s, the probe at 190 s,
        // so 238 + 60 - 108 = 190 s of witnesses and 898 s in all.
        const declared = (dnsAlarm: number) =>
            stackInput("active-active", {
                failover: failoverFixture("automatic", {
                    dnsAlarmSeconds: { value: dnsAlarm, path: "pulumi-aws-dr:dr.failover.dns" },
                }),
                ...auroraReplicated(),
                ...objectives(900, 9 * 3600),
            });
        expect(drReport(declared(120)).disruptions[0].verdict).toBe("not met");
        const automatic = declared(60);
        expect(rto(automatic)).toBe(898);
        expect(drReport(automatic).disruptions[0].verdict).toBe("met");
        const manual = stackInput("active-active", { ...auroraReplicated(), ...objectives(900, 9 * 3600) });
        expect(drReport(manual).disruptions[0].verdict).toBe("not met");
        expect(drReport(automatic).premises.map((p) => p.name)).toEqual(
            expect.arrayContaining([
                "each alarm decides as its last period ends",
                "Route 53's answer in the recovery region is its verdict on the primary",
            ]),
        );
    });

    it("behind the CDN there is no probe: Route 53's answer alone starts the promotion, a premise and no split brain", () => {
        // CloudFront's origin failover retries GET/HEAD/OPTIONS on the standby per request (high-availability-
        // origin-failover) without changing what Route 53 answers, so nothing it does moves the witness. A probe
        // that cannot reach the primary is not declared, so a slow probe alarm neither delays nor guards anything.
        const input = stackInput("active-active", {
            failover: failoverFixture("automatic", {
                probeReachesPrimary: false,
                probeAlarmSeconds: { value: 600, path: "pulumi-aws-dr:dr.failover.probe" },
            }),
            ...auroraReplicated(),
        });
        const witnesses = drReport(input).parts.find((p) => p.name.startsWith("witnesses"))!;
        expect(witnesses.seconds).toBe(298 + 60 - 108);
        expect(witnesses.name).toBe("witnesses (Route 53 answers with the standby, automatic)");
        expect(witnesses.source).toContain("alone: no probe reaches the primary behind the CDN");
        expect(drReport(input).findings.filter((f) => f.path === "pulumi-aws-dr:dr.failover.mode")).toEqual([]);
        expect(drReport(input).premises.map((p) => p.name)).toContain(
            "behind the CDN, Route 53's answer alone starts the data-losing promotion",
        );
        expect(rto(input)).toBe(958);
    });

    it("behind the CDN the DNS witness raises a warm standby, from Route 53's decision and the TTL", () => {
        // Resolvers see the standby at 48 + 60 = 108 s; the DNS witness is in ALARM 190 s later and the raise
        // starts 60 s after that: 250 s beyond the 108 s counted, where the probe took 250 - 108 = 142 s.
        const fleets = stackInput("warm-standby").fleets.map((f) => ({ ...f, standby: { ...f.standby, desired: 1 } }));
        const behindCdn = stackInput("warm-standby", {
            ...stateless,
            fleets,
            failover: failoverFixture("automatic", { probeReachesPrimary: false }),
        });
        const raise = drReport(behindCdn).parts.find((p) => p.name.startsWith("raise"))!;
        expect(raise.name).toBe("raise (recovery-region DNS witness alarm, automatic)");
        expect(raise.seconds).toBe(190 + 60);
        const probed = stackInput("warm-standby", { ...stateless, fleets, failover: failoverFixture("automatic") });
        expect(drReport(probed).parts.find((p) => p.name.startsWith("raise"))!.seconds).toBe(250 - 108);
    });

    it("a pilot light without a probe is never raised: Route 53 answers with the primary while both checks fail", () => {
        const input = stackInput("pilot-light", {
            ...stateless,
            failover: failoverFixture("automatic", { probeReachesPrimary: false }),
        });
        const raise = drReport(input).parts.find((p) => p.name.startsWith("raise"))!;
        expect(raise.seconds).toBe(Number.POSITIVE_INFINITY);
        expect(raise.source).toContain("never");
        expect(drReport(input).disruptions[0].verdict).toBe("not met");
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
