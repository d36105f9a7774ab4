import { InputProblem } from "../shared/errors";
import { isDeferred, Problems } from "../shared/validation";
import { AlarmEvaluation, failoverDefaults, FailoverAutomationArgs, failoverLimits, isAlarmPeriod } from "./args";

/**
 * An alarm's evaluation as CloudWatch's PutMetricAlarm takes it: a period of 10, 30 or 60·n seconds,
 * datapointsToAlarm 1..evaluationPeriods, and period × evaluationPeriods at most one day
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html).
 */
function checkEvaluation(p: Problems, path: string, given: AlarmEvaluation | undefined, datapoints: number): void {
    if (given === undefined) return;
    const period = given.periodSeconds ?? 60;
    if (given.periodSeconds !== undefined)
        p.require(
            typeof period === "number" && isAlarmPeriod(period),
            `${path}.periodSeconds`,
            given.periodSeconds,
            "10, 30 or a multiple of 60 seconds",
        );
    const points = given.datapointsToAlarm ?? datapoints;
    p.integerIn(
        `${path}.datapointsToAlarm`,
        given.datapointsToAlarm,
        1,
        Math.max(1, given.evaluationPeriods ?? points),
    );
    if (given.evaluationPeriods !== undefined) {
        const most = isAlarmPeriod(period) ? Math.floor(86400 / period) : 86400;
        p.integerIn(`${path}.evaluationPeriods`, given.evaluationPeriods, Math.max(1, points), most);
    }
}

/** Every problem with FailoverAutomation's arguments, all at once. */
export function validateFailoverAutomationArgs(args: FailoverAutomationArgs): InputProblem[] {
    const p = new Problems();
    p.require(typeof args.region === "string" && args.region.length > 0, "region", args.region, "the recovery region");
    p.require(
        args.primaryRegion !== args.region,
        "primaryRegion",
        args.primaryRegion,
        `a region other than region (${args.region}): the automation must not live in the region it replaces`,
    );
    p.oneOf("mode", args.mode, ["automatic", "manual"]);
    const mode = args.mode ?? failoverDefaults.mode;
    const promotes = (args.databases ?? []).length > 0;
    if (promotes && mode === "manual")
        p.require(
            typeof args.owner === "string" && args.owner.trim().length > 0,
            "owner",
            args.owner,
            "who decides and starts the promotion (a team or rota): a manual promotion needs an owner",
        );
    if (promotes && mode === "automatic")
        p.require(
            args.dns !== undefined,
            "dns",
            undefined,
            "{ recordName, standbyDnsName }: an automatic promotion waits for Route 53's answer to name the standby",
        );
    else if (args.probeUrl === undefined)
        p.require(
            args.dns !== undefined,
            "dns",
            undefined,
            "{ recordName, standbyDnsName }: without probeUrl the DNS witness is the only thing that raises the standby",
        );
    if (!isDeferred(args.probeUrl))
        p.matches(
            "probeUrl",
            args.probeUrl,
            /^https?:\/\/[^\s/]+(\/\S*)?$/,
            "an http(s) URL: the primary's health check",
        );
    const probe = args.probe;
    p.integerIn(
        "probe.intervalMinutes",
        probe?.intervalMinutes,
        failoverLimits.probeIntervalMinutes.min,
        failoverLimits.probeIntervalMinutes.max,
    );
    p.integerIn(
        "probe.timeoutSeconds",
        probe?.timeoutSeconds,
        failoverLimits.probeTimeoutSeconds.min,
        Math.min(failoverLimits.probeTimeoutSeconds.max, 60 * (probe?.intervalMinutes ?? 1)),
    );
    checkEvaluation(p, "probe", probe, failoverDefaults.probeDatapoints);
    checkEvaluation(p, "dns", args.dns, failoverDefaults.dnsDatapoints);
    for (const field of ["recordName", "standbyDnsName"] as const) {
        if (args.dns === undefined) continue;
        const name = args.dns[field];
        if (name === undefined) p.require(false, `dns.${field}`, name, "a DNS name: required");
        else p.matches(`dns.${field}`, name, /^[A-Za-z0-9_.-]{1,253}$/, "a DNS name (letters, digits, _ . and -)");
    }
    (args.fleets ?? []).forEach((f, i) => p.integerIn(`fleets.${i}.fullSize`, f.fullSize, 1, 10000));
    return [...p.list];
}
