import { InputProblem } from "../shared/errors";
import { checkReplicaRegions } from "../shared/replicas";
import { Problems } from "../shared/validation";
import { ReplicatedBucketArgs } from "./args";

/** Every problem with a ReplicatedBucket's arguments; `homeRegion` is `args.region` or the stack's. */
export function validateReplicatedBucketArgs(
    args: ReplicatedBucketArgs,
    homeRegion: string | undefined,
): InputProblem[] {
    const p = new Problems();
    checkReplicaRegions(p, "replicaRegions", args.replicaRegions, args.region ?? homeRegion);
    p.integerIn("noncurrentVersionExpirationDays", args.noncurrentVersionExpirationDays, 1, 36500);
    if (args.objectLock !== undefined) {
        p.require(args.objectLock.days !== undefined, "objectLock.days", undefined, "an integer 1..36500");
        p.integerIn("objectLock.days", args.objectLock.days, 1, 36500);
    }
    const replicas = Array.isArray(args.replicaRegions) ? args.replicaRegions.length : 0;
    if (args.twoWay)
        p.require(replicas > 0, "twoWay", true, "false when there is no replica region to replicate back from");
    return [...p.list];
}
