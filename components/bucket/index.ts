export { ReplicatedBucket, REPLICATED_BUCKET_TYPE } from "./replicatedBucket";
export { ReplicatedBucketArgs, BucketObjectLock, replicatedBucketDefaults } from "./args";
export { validateReplicatedBucketArgs } from "./validate";
