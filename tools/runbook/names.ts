/**
 * The stack's names as the runbook's commands need them, read off the evaluated plan. A name the
 * program declares from config (an Auto Scaling group, a cluster identifier, a vault) is used as is; a
 * value AWS assigns at deploy (an id, an account, a DNS name) or a random suffix makes (a bucket name)
 * is a `<PLACEHOLDER>` with the command or stack output that gives it.
 */
import { failoverDefaults } from "../../components";
import { RecordedResource, StackRecord } from "../engine";
import { StackContext } from "../../config/compose";
import { Placeholder } from "./model";

/** An Aurora global database: its identifier and its regional clusters. */
export interface GlobalDatabaseNames {
    readonly key: string;
    readonly globalClusterId: string;
    readonly engine: string;
    readonly clusters: readonly {
        readonly region: string;
        readonly id: string;
        readonly arn: string;
        readonly instances: number;
        readonly instanceClass?: string;
    }[];
}

export interface FleetNames {
    readonly key: string;
    readonly asg: string;
    readonly min: number;
    readonly max: number;
    readonly desired: number;
}

const str = (r: RecordedResource, key: string) => String(r.inputs[key]);

export class StackNames {
    private readonly used = new Map<string, string>();

    constructor(
        private readonly record: StackRecord,
        readonly ctx: StackContext,
    ) {}

    /** `<NAME>`, recorded with how to find its value so the runbook lists it once. */
    placeholder(name: string, how: string): string {
        this.used.set(name, how);
        return `<${name}>`;
    }

    get placeholders(): Placeholder[] {
        return [...this.used.entries()].map(([name, how]) => ({ name, how }));
    }

    get primaryRegion(): string {
        return this.ctx.layout.regions[0].region;
    }

    /** The region that runs the stack after a failover, when there is one. */
    get recoveryRegion(): string | undefined {
        return this.ctx.layout.regions.find((r) => r.role === "secondary")?.region;
    }

    private ofType(type: string): RecordedResource[] {
        return this.record.resources.filter((r) => r.type === type);
    }

    get accountId(): string {
        return this.placeholder("ACCOUNT_ID", "`aws sts get-caller-identity --query Account --output text`");
    }

    /** The region's fleets (Auto Scaling groups) by target group, with their declared sizes. */
    fleets(region: string): FleetNames[] {
        const role = this.ctx.layout.regions.find((r) => r.region === region)?.role;
        return Object.keys(this.ctx.config.alb.targetGroups).flatMap((key) => {
            const asg = this.ofType("aws:autoscaling/group:Group").find((r) => r.name === `${role}-${key}-asg`);
            if (!asg) return [];
            const size = (k: string) => Number(asg.inputs[k]);
            return [
                {
                    key,
                    asg: str(asg, "name"),
                    min: size("minSize"),
                    max: size("maxSize"),
                    desired: size("desiredCapacity"),
                },
            ];
        });
    }

    healthCheckId(role: "primary" | "secondary"): string {
        return this.placeholder(
            `${role.toUpperCase()}_HEALTH_CHECK_ID`,
            `\`pulumi stack output healthCheckIds\` (${role}); AWS assigns it at deploy`,
        );
    }

    /** The name of the Route 53 failover record, when the stack has one. */
    get failoverRecordName(): string | undefined {
        const record = this.ofType("aws:route53/record:Record").find(
            (r) => Array.isArray(r.inputs.failoverRoutingPolicies) && r.inputs.failoverRoutingPolicies.length > 0,
        );
        return record && str(record, "name");
    }

    albDnsName(region: string): string {
        return this.placeholder(
            `ALB_DNS_NAME_${region.toUpperCase().replace(/-/g, "_")}`,
            `\`pulumi stack output albDnsNames\` (${region}); AWS assigns it at deploy`,
        );
    }

    targetGroupArn(region: string, key: string): string {
        const tg = this.ofType("aws:lb/targetGroup:TargetGroup").find(
            (r) => r.region === region && r.name.endsWith(`-tg-${key}`),
        );
        return this.placeholder(
            `TARGET_GROUP_ARN_${key.toUpperCase()}_${region.toUpperCase().replace(/-/g, "_")}`,
            `\`aws elbv2 describe-target-groups --region ${region} --names ${tg ? str(tg, "name") : key} --query 'TargetGroups[0].TargetGroupArn'\``,
        );
    }

    globalDatabases(): GlobalDatabaseNames[] {
        const instances = this.ofType("aws:rds/clusterInstance:ClusterInstance");
        return this.ofType("aws:rds/globalCluster:GlobalCluster").map((g) => {
            const id = str(g, "globalClusterIdentifier");
            const clusters = this.ofType("aws:rds/cluster:Cluster")
                .filter((c) => c.inputs.globalClusterIdentifier === id && c.region)
                .map((c) => {
                    const clusterId = str(c, "clusterIdentifier");
                    const own = instances.filter((i) => i.inputs.clusterIdentifier === clusterId);
                    return {
                        region: c.region!,
                        id: clusterId,
                        arn: `arn:aws:rds:${c.region}:${this.accountId}:cluster:${clusterId}`,
                        instances: own.length,
                        instanceClass: own[0] ? str(own[0], "instanceClass") : undefined,
                    };
                });
            return { key: g.name, globalClusterId: id, engine: str(g, "engine"), clusters };
        });
    }

    /** DynamoDB global tables: their names (the same in every region). */
    tables(): string[] {
        return this.ofType("aws:dynamodb/table:Table")
            .filter((t) => Array.isArray(t.inputs.replicas) && t.inputs.replicas.length > 0)
            .map((t) => str(t, "name"));
    }

    /** The data tier's buckets by key; a random suffix ends their names, so each is a placeholder. */
    buckets(): { key: string; byRegion: Record<string, string> }[] {
        return Object.keys(this.ctx.config.data.buckets).map((key) => ({
            key,
            byRegion: Object.fromEntries(
                this.ctx.layout.regions
                    .filter((r) => r.region === this.primaryRegion || this.recoveryRegion === r.region)
                    .map((r) => [
                        r.region,
                        this.placeholder(
                            `BUCKET_${key.toUpperCase()}_${r.region.toUpperCase().replace(/-/g, "_")}`,
                            `\`pulumi stack output dataBuckets\` (${key}, ${r.region}); a random suffix ends the name`,
                        ),
                    ]),
            ),
        }));
    }

    /** The backup vault in a region (the primary's plan and its copies use the same name). */
    vault(region: string): string | undefined {
        const vault = this.ofType("aws:backup/vault:Vault").find((v) => v.region === region);
        return vault && str(vault, "name");
    }

    /** The role AWS Backup restores with: the plan's role, which has the restore policies attached. */
    get restoreRoleArn(): string {
        const attachment = this.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").find((a) =>
            String(a.inputs.policyArn).endsWith("/AWSBackupServiceRolePolicyForRestores"),
        );
        return attachment
            ? `arn:aws:iam::${this.accountId}:role/${str(attachment, "role")}`
            : this.placeholder(
                  "RESTORE_ROLE_ARN",
                  "a role AWS Backup can assume with AWSBackupServiceRolePolicyForRestores",
              );
    }

    /**
     * The SSM Automation document in `region` whose steps call `api` (`FailoverGlobalCluster` promotes,
     * `UpdateAutoScalingGroup` raises the fleets): the failover automation, when the stack declares it.
     */
    automationDocument(region: string, api: string): string | undefined {
        const document = this.ofType("aws:ssm/document:Document").find(
            (d) =>
                d.region === region &&
                d.inputs.documentType === "Automation" &&
                String(d.inputs.content).includes(`"Api":"${api}"`),
        );
        return document && str(document, "name");
    }

    /** The EventBridge rules in `region` that start an SSM Automation document (the failover automation's triggers). */
    automationRules(region: string): string[] {
        const rules = new Set(
            this.ofType("aws:cloudwatch/eventTarget:EventTarget")
                .filter((t) => t.region === region && String(t.inputs.arn).includes(":automation-definition/"))
                .map((t) => str(t, "rule")),
        );
        return [...rules];
    }

    /** The alarm in `region` on a CloudWatch Synthetics canary: the recovery region's probe of the primary. */
    probeAlarm(region: string): string | undefined {
        const alarm = this.ofType("aws:cloudwatch/metricAlarm:MetricAlarm").find(
            (a) => a.region === region && a.inputs.namespace === "CloudWatchSynthetics",
        );
        return alarm && str(alarm, "name");
    }

    /** The DNS witness's alarm in `region`: Route 53 answers the failover record with the standby (components/failover). */
    dnsAlarm(region: string): string | undefined {
        const alarm = this.ofType("aws:cloudwatch/metricAlarm:MetricAlarm").find(
            (a) => a.region === region && a.inputs.namespace === failoverDefaults.dnsMetricNamespace,
        );
        return alarm && str(alarm, "name");
    }

    /** The composite alarm in `region`: the witnesses that must agree before the automatic promotion. */
    compositeAlarm(region: string): string | undefined {
        const alarm = this.ofType("aws:cloudwatch/compositeAlarm:CompositeAlarm").find((a) => a.region === region);
        return alarm && str(alarm, "alarmName");
    }
}
