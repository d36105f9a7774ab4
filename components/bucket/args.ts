import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../shared/tags";

/** S3 Object Lock in compliance mode: no one, not even the account root, can delete a locked object version early. */
export interface BucketObjectLock {
    /** Days each new object version stays locked, 1..36500. Required. */
    days: number;
}

export interface ReplicatedBucketArgs {
    /**
     * Regions that each get a replica bucket, replicated to from the primary bucket. Empty: a single bucket,
     * protected by AWS Backup only. Each a region other than `region`.
     * @default none
     */
    replicaRegions?: string[];
    /**
     * S3 Replication Time Control on every replication rule: AWS replicates 99.99 % of new objects within 15 minutes
     * (its SLA) and publishes replication metrics, which the alarms here watch. The other 0.01 % have no bound.
     * @default `true` (`replicatedBucketDefaults.replicationTimeControl`)
     */
    replicationTimeControl?: boolean;
    /**
     * Replicate delete markers, so a delete in the primary hides the object in the replicas too. Off, a delete (or
     * ransomware deleting objects) stays in the primary region.
     * @default `false` (`replicatedBucketDefaults.deleteMarkerReplication`)
     */
    deleteMarkerReplication?: boolean;
    /**
     * Two-way replication for active-active: each replica replicates back to the primary, and replica modification
     * sync keeps metadata changes made on a replica. Needs at least one replica region.
     * @default `false` (`replicatedBucketDefaults.twoWay`)
     */
    twoWay?: boolean;
    /**
     * Days a noncurrent object version is kept before S3 deletes it, 1..36500.
     * @default `90` (`replicatedBucketDefaults.noncurrentVersionExpirationDays`)
     */
    noncurrentVersionExpirationDays?: number;
    /**
     * Object Lock in compliance mode on every bucket, against ransomware: no one can delete or overwrite a locked
     * version before its retention ends. It can only be turned on when a bucket is created, and the buckets cannot be
     * torn down while objects are locked.
     * @default none
     */
    objectLock?: BucketObjectLock;
    /**
     * Actions (SNS topic ARNs) of the replication alarms.
     * @default none: the alarms only change state
     */
    alarmActions?: pulumi.Input<string>[];
    /**
     * Delete the buckets with their objects on `pulumi destroy` (non-prod teardown). Ignored under Object Lock.
     * @default false
     */
    forceDestroy?: boolean;
    /**
     * Region of the primary bucket (v7 per-resource `region`).
     * @default the stack's `aws:region`
     */
    region?: string;
    /**
     * Protect the buckets and keys from deletion and replacement, and retain them on delete.
     * @default false
     */
    protectStatefulResources?: boolean;
    /**
     * Tags for every resource (e.g. the backup selection's tag).
     * @default none
     */
    tags?: Tags;
}

export const replicatedBucketDefaults = {
    replicationTimeControl: true,
    deleteMarkerReplication: false,
    twoWay: false,
    noncurrentVersionExpirationDays: 90,
    /**
     * S3 RTC: "replicates 99.99 percent of new objects stored in Amazon S3 within 15 minutes"; 15 is
     * the only value S3 accepts for the replication time and the metrics' event threshold
     * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-time-control.html).
     */
    replicationTimeMinutes: 15,
} as const;
