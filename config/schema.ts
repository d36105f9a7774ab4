import { z } from "zod";
import { BACKUP_RESOURCE_TYPES } from "../dr";
import {
    AlbFixedResponseContentType,
    AlbRedirectProtocol,
    AlbRedirectStatusCode,
    supportedRegions,
} from "../components/internal";
import { parseDuration } from "./duration";

/** The config namespace: every key is `pulumi-aws-dr:<section>`. */
export const NAMESPACE = "pulumi-aws-dr";

const integer = (min: number, max: number) => {
    const error = `an integer ${min}..${max}`;
    return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};
const region = z.enum(supportedRegions as [string, ...string[]]);
const duration = z
    .string()
    .refine((s) => (parseDuration(s) ?? 0) > 0, { error: "a duration such as 90s, 15m, 1h, 1d or 1d12h" });
const key = z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, { error: "a key of lowercase letters, digits and hyphens" });
const stringMap = z.record(z.string(), z.string());

export const drStrategies = ["backup-restore", "pilot-light", "warm-standby", "active-active"] as const;

const restoreTimeAllowed = `a duration such as 4h, or a map from resource type (${BACKUP_RESOURCE_TYPES.join(", ")}) to a duration`;
// A bad key fails the whole union, which reports restoreTimeAllowed.
const resourceType = z.string().refine((t) => BACKUP_RESOURCE_TYPES.includes(t));

/** Documented assumptions of the DR model that a stack may override (see dr/assumptions.ts). */
const assumptions = z.strictObject({
    /** Seconds from launching an instance until it passes the target group's health checks. */
    instanceWarmup: duration.optional(),
    /** Cross-region copy time of a recovery point. Default: the rule's completion window. */
    copyLag: duration.optional(),
    /**
     * backup-restore: time to restore the stack from the copied recovery points. One duration for
     * every resource type, or one per type (`{ EBS: 1h, RDS: 3h }`; a type left out keeps the
     * default). The slowest type the backup selections protect counts. Default 4h for every type.
     */
    restoreTime: z.union([duration, z.record(resourceType, duration)], { error: restoreTimeAllowed }).optional(),
    /**
     * pilot-light: time until something raises the standby fleet from zero. Default 30m: a manual
     * step, a person paged at 3 a.m. who acknowledges, opens the runbook and raises it.
     */
    scaleOutTrigger: duration.optional(),
    /**
     * Once an AWS Backup restore of the fleets' data (EBS volumes, EC2 instances) has finished: time to attach the
     * restored volumes or relaunch the fleets onto them, before their warm-up. AWS publishes no bound. Default 15m.
     */
    restoreAttach: duration.optional(),
    /** Aurora: time from the primary's loss until the secondary accepts writes (a failover someone or something starts). */
    databasePromotion: duration.optional(),
    /** Aurora pilot light: time to add an instance to the headless secondary before it can be promoted. */
    headlessInstanceLaunch: duration.optional(),
    /** Aurora without rds.global_db_rpo: the replication lag the RPO counts. */
    databaseReplicationLag: duration.optional(),
    /**
     * S3 with RTC: the bound assumed for the 0.01 % of objects AWS's SLA leaves out (it covers 99.99 % within
     * 15 min). AWS gives no bound; default 15m, shown as an assumption.
     */
    s3ReplicationTail: duration.optional(),
    /** DynamoDB global tables (MREC): the replication lag the RPO counts. */
    tableReplicationLag: duration.optional(),
    /**
     * With dr.failover: from an alarm's change of state to the SSM Automation it starts running its first step
     * (EventBridge delivery and the automation's start). AWS publishes no bound; default 1m.
     */
    automationStart: duration.optional(),
    /** Data the target-tracking alarm needs before each scale-out step (its data points × period). Default 3m. */
    scaleOutAlarm: duration.optional(),
    /** How long corruption or a ransomware attack goes unnoticed. Default 3d. */
    corruptionDetection: duration.optional(),
    /** Extra restore time when the newest recovery point in the recovery region is in cold storage. Default 72h. */
    coldStorageRestore: duration.optional(),
});

const objectivePair = z.strictObject({ rto: duration, rpo: duration });

/** A CloudWatch alarm's evaluation: period × datapointsToAlarm of evaluationPeriods (components/failover). */
const alarmEvaluation = {
    /** Seconds per data point: 10, 30 or a multiple of 60. */
    periodSeconds: z.number().optional(),
    evaluationPeriods: z.number().optional(),
    datapointsToAlarm: z.number().optional(),
};

/**
 * Failover automation in the recovery region (components/failover): a probe of the primary's health-check URL
 * raises the standby's fleets to full size, and `automatic` also promotes the data (the Aurora global failover)
 * once Route 53 answers the failover record with the standby, as resolved from the recovery region, and the probe
 * fails (behind the CDN no probe reaches the primary: Route 53's answer alone). `manual`: a person named by
 * `owner` decides and starts the promotion (the SSM document does the steps). Unset: no automation, every
 * recovery waits for a person (`dr.assumptions.scaleOutTrigger`).
 */
const failoverSection = z.strictObject({
    mode: z.enum(["automatic", "manual"]),
    /**
     * Who is paged and takes the failover's manual steps (a team or on-call rota): required with `manual`. The
     * runbook (`npm run plan -- --runbook`) names it on every manual step, and refuses a manual step without one.
     */
    owner: z
        .string()
        .refine((o) => o.trim().length > 0, { error: 'a team or on-call rota, e.g. "platform-team on-call"' })
        .optional(),
    /** The recovery-region canary: its schedule and timeout (the DNS witness's too), and the probe's alarm. */
    probe: z
        .strictObject({
            /** Minutes between runs, 1..60 (Synthetics: rate(1 minute)..rate(1 hour)). Default 1. */
            intervalMinutes: z.number().optional(),
            /** Seconds the probe waits for an answer. Default 10. */
            timeoutSeconds: z.number().optional(),
            ...alarmEvaluation,
        })
        .optional(),
    /**
     * The DNS witness of `automatic` (and, behind the CDN, the raise's only one): the canary resolves the Route 53
     * failover record from the recovery region and its alarm fires once Route 53 answers with the standby.
     * Default: period 60 s, datapointsToAlarm 2.
     */
    dns: z.strictObject({ ...alarmEvaluation }).optional(),
});

const drSection = z.strictObject({
    strategy: z.enum(drStrategies),
    primaryRegion: region,
    /** Where backups are copied and, except for backup-restore, where the standby runs. */
    secondaryRegion: region.optional(),
    /**
     * `rto`/`rpo`: the objectives for the loss of the primary region. `az`: for the loss of one
     * Availability Zone of the primary. `corruption`: the RPO for a bad write or deletion (ransomware),
     * which every copy replicates. The last two are optional.
     */
    objectives: z.strictObject({
        rto: duration,
        rpo: duration,
        az: objectivePair.optional(),
        corruption: z.strictObject({ rpo: duration }).optional(),
    }),
    /**
     * What a fleet's "full size" in the recovery region is: the primary's `desired` capacity or its
     * `maximum`. Default maximum, the most the primary can serve.
     */
    fullSize: z.enum(["desired", "maximum"]).optional(),
    /**
     * Protect and retain stateful resources, keep ALB deletion protection on and never empty a vault or
     * log bucket on destroy. Default true: a stack that must tear down cleanly (dev) sets false.
     */
    protectStatefulResources: z.boolean().optional(),
    /** warm-standby: share of the primary's capacity kept running in the secondary. Default 25. */
    standbyCapacityPercent: integer(1, 100).optional(),
    failover: failoverSection.optional(),
    assumptions: assumptions.optional(),
    /**
     * AWS Fault Injection Service drills in the primary region (docs/drills.md): an AZ failure and the loss
     * of the application tier, each stopped by the stack's alarms. Off unless `enabled`.
     */
    drills: z
        .strictObject({
            /** Declare the experiment templates. Declaring them runs nothing: a person starts an experiment. */
            enabled: z.boolean(),
            /** The AZ the AZ failure drill cuts off, by its index in the network's AZs. Default 0. */
            zoneIndex: integer(0, 5).optional(),
            /** Minutes the AZ stays cut off (PT1M..PT12H). Default: the DR report's AZ RTO, within 1..720. */
            azDurationMinutes: integer(1, 720).optional(),
            /** Minutes the application-loss experiment watches its stop conditions after terminating. Default: the DR report's regional RTO, within 1..720. */
            observeMinutes: integer(1, 720).optional(),
        })
        .optional(),
});

const networkSection = z.strictObject({
    cidrBlock: z.string().optional(),
    /** The secondary region's block; it must not overlap the primary's, so the two can be peered. */
    secondaryCidrBlock: z.string().optional(),
    availabilityZoneCount: integer(2, 6).optional(),
    natGateways: z.enum(["none", "single", "onePerAz"]).optional(),
    /** SSM interface endpoints in the private subnets (default true): instances are managed without NAT. */
    ssmEndpoints: z.boolean().optional(),
    flowLogRetentionDays: z.number().optional(),
    /** Take the VPC from another stack's outputs (`org/project/stack`) instead of building one. */
    fromStack: z
        .string()
        .regex(/^[\w.-]+\/[\w.-]+\/[\w.-]+$/, { error: "a stack name of the form org/project/stack" })
        .optional(),
});

const healthCheck = z.strictObject({
    path: z.string().optional(),
    port: z.union([z.number(), z.literal("traffic-port")]).optional(),
    protocol: z.enum(["HTTP", "HTTPS"]).optional(),
    matcher: z.string().optional(),
    interval: z.number().optional(),
    timeout: z.number().optional(),
    healthyThreshold: z.number().optional(),
    unhealthyThreshold: z.number().optional(),
});

const fleet = z.strictObject({
    min: z.number(),
    max: z.number(),
    desired: z.number(),
    instanceType: z.string().optional(),
    /** Instance types, most preferred first: a mixed instances policy (Security Hub AutoScaling.6 wants two or more). */
    instanceTypes: z.array(z.string()).optional(),
    amiParameter: z.string().optional(),
    /** An AMI id with the application baked in, instead of amiParameter. */
    imageId: z.string().optional(),
    /**
     * The application's user data script (at most 16 KB). Without it or imageId, the fleet runs a stand-in
     * that answers the health-check paths, and the plan says the fleet has no application yet.
     */
    userData: z.string().optional(),
    rootVolumeGiB: z.number().optional(),
    instanceWarmupSeconds: z.number().optional(),
    targetCpuPercent: z.number().optional(),
    /** The recovery region's maximum. Default `max`; below the full size it can never take the primary's load. */
    standbyMax: z.number().optional(),
});

const staticTarget = z.strictObject({
    /** An instance id (instance targets) or an IPv4 address (ip targets). */
    id: z.string(),
    port: z.number().optional(),
    /** The region whose ALB the target joins: instance ids and VPC addresses belong to one region. Default: the primary. */
    region: region.optional(),
});

const targetGroup = z.strictObject({
    name: z.string().optional(),
    port: z.number().optional(),
    protocol: z.enum(["HTTP", "HTTPS"]).optional(),
    targetType: z.enum(["instance", "ip", "lambda"]).optional(),
    weight: z.number().optional(),
    healthCheck: healthCheck.optional(),
    stickinessSeconds: z.number().optional(),
    deregistrationDelay: z.number().optional(),
    slowStart: z.number().optional(),
    algorithm: z.enum(["round_robin", "least_outstanding_requests", "weighted_random"]).optional(),
    anomalyMitigation: z.boolean().optional(),
    /** Static targets: each becomes a TargetGroupAttachment. */
    targets: z.array(staticTarget).optional(),
    /** Or a fleet the stack runs: an Auto Scaling group sized per region by the strategy. */
    fleet: fleet.optional(),
});

const forward = z.strictObject({
    targetGroups: z.record(z.string(), z.number()),
    stickinessSeconds: z.number().optional(),
});

/**
 * A rule on the HTTPS listener, as `MultiAzAlb`'s `listenerRules` takes it (its README lists ELB's bounds, which
 * the component checks): at least one condition, and exactly one of forward, redirect and fixedResponse.
 * Authenticate actions are left to programs, which can pass their client secret as a secret.
 */
const listenerRule = z.strictObject({
    priority: z.number(),
    hostHeaders: z.array(z.string()).optional(),
    pathPatterns: z.array(z.string()).optional(),
    httpHeaders: z.array(z.strictObject({ name: z.string(), values: z.array(z.string()) })).optional(),
    httpRequestMethods: z.array(z.string()).optional(),
    queryStrings: z
        .array(z.strictObject({ values: z.array(z.strictObject({ key: z.string().optional(), value: z.string() })) }))
        .optional(),
    sourceIps: z.array(z.string()).optional(),
    forward: forward.optional(),
    redirect: z
        .strictObject({
            statusCode: z.enum(AlbRedirectStatusCode),
            protocol: z.enum(AlbRedirectProtocol).optional(),
            host: z.string().optional(),
            port: z.string().optional(),
            path: z.string().optional(),
            query: z.string().optional(),
        })
        .optional(),
    fixedResponse: z
        .strictObject({
            statusCode: z.number(),
            contentType: z.enum(AlbFixedResponseContentType).optional(),
            messageBody: z.string().optional(),
        })
        .optional(),
});

const albSection = z.strictObject({
    internal: z.boolean().optional(),
    ingressCidrs: z.array(z.string()).optional(),
    sslPolicy: z.string().optional(),
    idleTimeout: z.number().optional(),
    deletionProtection: z.boolean().optional(),
    desyncMitigationMode: z.enum(["defensive", "strictest"]).optional(),
    defaultStickinessSeconds: z.number().optional(),
    accessLogs: z
        .strictObject({
            enabled: z.boolean().optional(),
            prefix: z.string().optional(),
            expirationDays: z.number().optional(),
        })
        .optional(),
    alarms: z
        .strictObject({
            enabled: z.boolean().optional(),
            periodSeconds: z.number().optional(),
            evaluationPeriods: z.number().optional(),
            elb5xxThreshold: z.number().optional(),
            targetResponseTimeP99Seconds: z.number().optional(),
        })
        .optional(),
    targetGroups: z.record(key, targetGroup),
    listenerRules: z.record(key, listenerRule).optional(),
    /**
     * A CDN in front sends this header; the ALB answers 403 to requests without it. The value is the
     * secret `originVerifySecret`, else generated (RandomPassword); it is exported as a secret. Default: off.
     */
    originVerifyHeader: z
        .string()
        .regex(/^[A-Za-z0-9-]{1,40}$/, { error: "an HTTP header name" })
        .optional(),
});

const dnsHealthCheck = z.strictObject({
    type: z.enum(["HTTPS", "HTTP", "HTTPS_STR_MATCH", "HTTP_STR_MATCH", "TCP"]).optional(),
    resourcePath: z.string().optional(),
    port: z.number().optional(),
    requestInterval: z.number().optional(),
    failureThreshold: z.number().optional(),
    measureLatency: z.boolean().optional(),
    searchString: z.string().optional(),
    regions: z.array(z.string()).optional(),
});

const dnsSection = z.strictObject({
    zone: z.strictObject({
        zoneId: z.string().optional(),
        zoneName: z.string().optional(),
        create: z.strictObject({ name: z.string(), comment: z.string().optional() }).optional(),
    }),
    recordName: z.string(),
    /** The Route 53 health check of every endpoint (failover and active-active). */
    healthCheck: dnsHealthCheck.optional(),
    ipv6: z.boolean().optional(),
    alarms: z.strictObject({ enabled: z.boolean().optional() }).optional(),
    /**
     * Whether each ALB alias record evaluates the ALB's target health. true: Route 53 also fails a region
     * over when the ALB reports itself unhealthy, which it does when any target group that has targets
     * has none healthy, so one failing microservice fails over every service. false: only the Route 53
     * health check decides. Default true.
     */
    evaluateTargetHealth: z.boolean().optional(),
    /** active-active: weighted (default) or latency records. */
    activeActiveRouting: z.enum(["weighted", "latency"]).optional(),
    /** active-active with weighted records: each region's weight, 0..255. Default 1 each. */
    weights: z.record(z.string(), z.number()).optional(),
    /** backup-restore: fail over to this static endpoint (e.g. an S3 or CloudFront maintenance page). */
    maintenanceEndpoint: z.strictObject({ region: region, dnsName: z.string(), zoneId: z.string() }).optional(),
    /** Extra names on the certificate. */
    subjectAlternativeNames: z.array(z.string()).optional(),
});

const lifecycle = z.strictObject({
    coldStorageAfterDays: z.number().optional(),
    deleteAfterDays: z.number().optional(),
    optInToArchiveForSupportedResources: z.boolean().optional(),
});

const backupSection = z.strictObject({
    vault: z
        .strictObject({
            name: z.string().optional(),
            lock: z
                .strictObject({
                    mode: z.enum(["governance", "compliance"]),
                    changeableForDays: z.number().optional(),
                    minRetentionDays: z.number().optional(),
                    maxRetentionDays: z.number().optional(),
                })
                .optional(),
            denyDeletePolicy: z.boolean().optional(),
            allowedPrincipalArns: z.array(z.string()).optional(),
            /** Principals that may update the vault policy (the deploy role). Default: whoever runs the deploy. */
            deployerPrincipalArns: z.array(z.string()).optional(),
            /** With protectStatefulResources, the only principals that may disable or delete the vault keys. */
            keyBreakGlassPrincipalArns: z.array(z.string()).optional(),
        })
        .optional(),
    rules: z.record(
        z.string(),
        z.strictObject({
            schedule: z.string(),
            scheduleTimezone: z.string().optional(),
            startWindowMinutes: z.number().optional(),
            completionWindowMinutes: z.number().optional(),
            lifecycle: lifecycle.optional(),
            continuousBackup: z.boolean().optional(),
            recoveryPointTags: stringMap.optional(),
            /** Copy each recovery point to the secondary region. Default: true when the stack has one. */
            copyToSecondary: z.boolean().optional(),
            /** Lifecycle of the copies. Default: the rule's. */
            copyLifecycle: lifecycle.optional(),
        }),
    ),
    selections: z.record(
        z.string(),
        z.strictObject({
            resources: z.array(z.string()).optional(),
            notResources: z.array(z.string()).optional(),
            selectionTags: stringMap.optional(),
            conditions: z
                .strictObject({
                    stringEquals: stringMap.optional(),
                    stringLike: stringMap.optional(),
                    stringNotEquals: stringMap.optional(),
                    stringNotLike: stringMap.optional(),
                })
                .optional(),
            includeS3: z.boolean().optional(),
        }),
    ),
    notifications: z.union([z.literal(false), z.strictObject({ events: z.array(z.string()).optional() })]).optional(),
    restoreTesting: z
        .strictObject({
            schedule: z.string().optional(),
            scheduleTimezone: z.string().optional(),
            startWindowHours: z.number().optional(),
            resourceTypes: z.array(z.string()),
            algorithm: z.enum(["LATEST_WITHIN_WINDOW", "RANDOM_WITHIN_WINDOW"]).optional(),
            selectionWindowDays: z.number().optional(),
            validationWindowHours: z.number().optional(),
            inCopyRegions: z.boolean().optional(),
        })
        .optional(),
    audit: z
        .strictObject({
            /**
             * The AWS Config recorder the framework needs in each region it audits (AWS leaves it inactive
             * without one): `create` one (AWS allows one per account and region), or use the `existing` one.
             */
            configRecorder: z.enum(["create", "existing"]),
            /**
             * What the resource controls judge: one tag (`{ key: value }`) or AWS Backup resource types.
             * Default: the one tag or the resource types every selection picks by.
             */
            scope: z
                .strictObject({
                    tag: stringMap.optional(),
                    resourceTypes: z.array(z.string()).optional(),
                })
                .optional(),
            minimumFrequency: z.strictObject({ unit: z.enum(["hours", "days"]), value: z.number() }).optional(),
            requiredRetentionDays: z.number().optional(),
            /** Audit that restores finish within this (the restore-time control), e.g. the `dr.assumptions.restoreTime` the report assumes. */
            maxRestoreTime: duration.optional(),
        })
        .optional(),
});

const tableKey = z.strictObject({ name: z.string(), type: z.enum(["S", "N", "B"]) });

/**
 * The data tier: stores by name. The strategy shapes each one's recovery region (see config/data.ts):
 * backup-restore replicates nothing, pilot light and warm standby replicate one way, active-active
 * both ways. Every store carries the backup selection's tags, so AWS Backup covers corruption too.
 */
const dataSection = z.strictObject({
    buckets: z
        .record(
            key,
            z.strictObject({
                /** S3 Replication Time Control (15 min for 99.99 % of objects). Default true. */
                replicationTimeControl: z.boolean().optional(),
                deleteMarkerReplication: z.boolean().optional(),
                noncurrentVersionExpirationDays: z.number().optional(),
                /** Object Lock in compliance mode, in days. Default none. */
                objectLockDays: z.number().optional(),
            }),
        )
        .default({}),
    tables: z
        .record(
            key,
            z.strictObject({
                partitionKey: tableKey,
                sortKey: tableKey.optional(),
                consistency: z.enum(["eventual", "strong"]).optional(),
                /** MRSC with one replica: the witness region. */
                witnessRegion: z.string().optional(),
                pointInTimeRecovery: z.boolean().optional(),
                deletionProtection: z.boolean().optional(),
            }),
        )
        .default({}),
    databases: z
        .record(
            key,
            z.strictObject({
                engine: z.enum(["aurora-postgresql", "aurora-mysql"]).optional(),
                engineVersion: z.string().optional(),
                instanceClass: z.string().optional(),
                primaryInstances: z.number().optional(),
                /** Instances in the recovery region. Default: the strategy's (0 pilot light, 1 warm standby, primaryInstances active-active). */
                secondaryInstances: z.number().optional(),
                /** Aurora PostgreSQL's rds.global_db_rpo, as a duration (20s..): an upper bound on the RPO. */
                rpoBound: duration.optional(),
                databaseName: z.string().optional(),
            }),
        )
        .default({}),
});

/**
 * A CloudFront distribution in front of the ALBs (components/cdn): reads fail over between the regions per
 * request; writes and the API go through the Route 53 failover name `origin.<recordName>`. Needs
 * `alb.originVerifyHeader`. The `waf` settings apply to its web ACL and to each ALB's (REGIONAL, with or without a CDN).
 */
const cdnSection = z.strictObject({
    enabled: z.boolean().optional(),
    failoverStatusCodes: z.array(z.number()).optional(),
    connectionAttempts: z.number().optional(),
    connectionTimeoutSeconds: z.number().optional(),
    responseTimeoutSeconds: z.number().optional(),
    cachedPaths: z.array(z.string()).optional(),
    uncachedPaths: z.array(z.string()).optional(),
    minimumProtocolVersion: z.string().optional(),
    priceClass: z.enum(["PriceClass_All", "PriceClass_200", "PriceClass_100"]).optional(),
    logExpirationDays: z.number().optional(),
    alarms: z
        .strictObject({
            enabled: z.boolean().optional(),
            error5xxRatePercent: z.number().optional(),
            originLatencyMs: z.number().optional(),
        })
        .optional(),
    waf: z
        .strictObject({
            rateLimit: z.number().optional(),
            rateWindowSeconds: z.number().optional(),
            logRetentionDays: z.number().optional(),
        })
        .optional(),
});

const tagsSection = z.record(
    z
        .string()
        .regex(/^(?!aws:)[\w .:/=+\-@]{1,128}$/, { error: "a tag key of 1..128 characters, not starting with aws:" }),
    z.string().max(256, { error: "a tag value of at most 256 characters" }),
);

/**
 * The value of `alb.originVerifyHeader`, set with `pulumi config set --secret originVerifySecret ...`.
 * ALB header conditions read `*` and `?` as wildcards and hold at most 128 characters. Its strength
 * cannot be checked offline, where secure values are never decrypted: use 32 or more random characters.
 */
const originVerifySecret = z
    .string()
    .regex(/^[^*?]{1,128}$/, { error: "1..128 characters without * or ? (ALB reads them as wildcards)" });

/** Sections whose values are secrets: they must be set with --secret, and problems never print them. */
export const secretSections: readonly string[] = ["originVerifySecret"];

/** The whole stack config: one key per section under the `pulumi-aws-dr` namespace. */
export const stackConfigSchema = z.strictObject({
    dr: drSection,
    network: networkSection.default({}),
    alb: albSection,
    dns: dnsSection,
    backup: backupSection,
    data: dataSection.default({ buckets: {}, tables: {}, databases: {} }),
    tags: tagsSection.default({}),
    cdn: cdnSection.default({}),
    /** Default: a generated RandomPassword, when `alb.originVerifyHeader` is set. */
    originVerifySecret: originVerifySecret.optional(),
});

export type StackConfig = z.infer<typeof stackConfigSchema>;
export type AlbConfig = StackConfig["alb"];
export type TargetGroupConfig = AlbConfig["targetGroups"][string];
export type DnsConfig = StackConfig["dns"];
export type DataConfig = StackConfig["data"];
export type CdnConfig = StackConfig["cdn"];
