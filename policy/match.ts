import { PolicyResource, UNKNOWN } from "./types";

/**
 * How one resource finds another it refers to. A reference arrives as the other resource's ARN, id
 * or name (an output value), and CrossGuard also lists the URNs each property came from. Offline,
 * outputs such as an ALB's ARN are not among its inputs, so the name inside the ARN is compared with
 * the name the target would get: its name input, else Pulumi's auto-name.
 */

export const isKnown = (value: unknown): boolean => value !== undefined && value !== null && value !== UNKNOWN;

/** The known strings in a value that is one string or a list of them. */
export function stringsOf(value: unknown): string[] {
    const list = Array.isArray(value) ? value : [value];
    return list.filter((v): v is string => typeof v === "string" && v !== UNKNOWN);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Whether `value` is the physical name `target` gets: its `key` input, else its auto-name (logical name, `-`, 7 hex digits). */
export function isPhysicalName(value: string, target: PolicyResource, key: string): boolean {
    const explicit = target.inputs[key];
    if (explicit !== undefined) return value === explicit;
    return new RegExp(`^${escapeRegExp(target.name)}-[0-9a-f]{7}$`).test(value);
}

interface Arn {
    readonly service: string;
    readonly region: string;
    readonly resource: string;
}

export function parseArn(value: string): Arn | undefined {
    const m = /^arn:[^:]+:([^:]+):([^:]*):[^:]*:(.+)$/.exec(value);
    return m ? { service: m[1], region: m[2], resource: m[3] } : undefined;
}

/** The region in an ARN, or undefined when the value is not a regional ARN. */
export const arnRegion = (value: unknown): string | undefined =>
    (typeof value === "string" && parseArn(value)?.region) || undefined;

const sameRegion = (arn: Arn, target: PolicyResource) => !isKnown(target.region) || arn.region === target.region;

/** Resource types that are referred to by a physical name, and the input holding it. */
const nameKeys: Record<string, string> = {
    "aws:s3/bucket:Bucket": "bucket",
    "aws:s3/bucketV2:BucketV2": "bucket",
    "aws:backup/vault:Vault": "name",
};

/** ARN resource parts that carry the target's name: ELB `loadbalancer/app/<name>/<id>`, Backup `backup-vault:<name>`. */
const arnNamePatterns: Record<string, RegExp> = {
    "aws:lb/loadBalancer:LoadBalancer": /^loadbalancer\/(?:app|net|gwy)\/([^/]+)\/[0-9a-f]+$/,
    "aws:alb/loadBalancer:LoadBalancer": /^loadbalancer\/(?:app|net|gwy)\/([^/]+)\/[0-9a-f]+$/,
    "aws:backup/vault:Vault": /^backup-vault:(.+)$/,
};

/** Whether a reference value (ARN, id or name) designates `target`. */
export function identifies(value: string, target: PolicyResource): boolean {
    if (value === target.inputs.arn || value === target.inputs.id) return true;
    // S3 ARNs carry neither region nor account: `arn:<partition>:s3:::<bucket>`.
    const bucketArn = nameKeys[target.type] === "bucket" ? /^arn:[^:]+:s3:::([^/]+)$/.exec(value) : null;
    if (bucketArn) return isPhysicalName(bucketArn[1], target, "bucket");
    const nameKey = nameKeys[target.type];
    if (nameKey && isPhysicalName(value, target, nameKey)) return true;
    const pattern = arnNamePatterns[target.type];
    const arn = pattern && parseArn(value);
    const name = arn && pattern.exec(arn.resource)?.[1];
    return !!name && sameRegion(arn, target) && isPhysicalName(name, target, "name");
}

/** Whether `from`'s input `property`, whose value (or a part of it) is `value`, refers to `target`. */
export function refersTo(from: PolicyResource, property: string, value: unknown, target: PolicyResource): boolean {
    if (from.references?.[property]?.includes(target.urn)) return true;
    return stringsOf(value).some((v) => identifies(v, target));
}

/** Whether two resources' properties refer to a common third resource (e.g. the same security group id). */
export function shareReference(a: PolicyResource, aProperty: string, b: PolicyResource, bProperty: string): boolean {
    const aRefs = a.references?.[aProperty] ?? [];
    if ((b.references?.[bProperty] ?? []).some((urn) => aRefs.includes(urn))) return true;
    const bValues = stringsOf(b.inputs[bProperty]);
    return stringsOf(a.inputs[aProperty]).some((v) => bValues.includes(v));
}
