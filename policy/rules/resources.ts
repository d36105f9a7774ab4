/** The resource types the rules read, and small readers of CrossGuard's and the engine's plain values. */
import { PolicyContext, PolicyResource } from "../types";

export const LOAD_BALANCERS = ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"];
export const LISTENERS = ["aws:lb/listener:Listener", "aws:alb/listener:Listener"];
export const BUCKETS = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];
export const VAULT = "aws:backup/vault:Vault";
export const PLAN = "aws:backup/plan:Plan";
export const KEY = "aws:kms/key:Key";
export const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
export const WAF_ASSOCIATION = "aws:wafv2/webAclAssociation:WebAclAssociation";
export const PUBLIC_ACCESS_BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
export const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
export const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
export const INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
export const EGRESS_RULE = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
export const LEGACY_SG_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
export const BUCKET_VERSIONING = [
    "aws:s3/bucketVersioning:BucketVersioning",
    "aws:s3/bucketVersioningV2:BucketVersioningV2",
];
export const BUCKET_REPLICATION = "aws:s3/bucketReplicationConfig:BucketReplicationConfig";
export const TABLE = "aws:dynamodb/table:Table";
export const DB_CLUSTER = "aws:rds/cluster:Cluster";
export const GLOBAL_CLUSTER = "aws:rds/globalCluster:GlobalCluster";
export const SECRET = "aws:secretsmanager/secret:Secret";
export const AUTOSCALING_GROUP = "aws:autoscaling/group:Group";

export type Obj = Record<string, unknown>;
export const asObject = (v: unknown): Obj =>
    v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {};
export const asList = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(asObject) : []);
export const show = (v: unknown) => (v === undefined ? "unset" : JSON.stringify(v));

/** The load balancer type defaults to `application`; several ELB controls only concern ALBs. */
export const isAlb = (lb: PolicyResource) => (lb.inputs.loadBalancerType ?? "application") === "application";
export const ofTypes = (context: PolicyContext, types: readonly string[]) =>
    context.resources.filter((r) => types.includes(r.type));
