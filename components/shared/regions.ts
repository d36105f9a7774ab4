/**
 * Facts about the AWS regions this library supports: every commercial region (not China, not GovCloud)
 * for which the facts below are published. docs/regions.md says how the list is kept. Components use
 * the AZ names to check early that a region has as many AZs as asked; the deploy-time
 * `getAvailabilityZones` result is checked again, since an account can see fewer AZs than this table
 * lists (AZ access differs per account). Sources: AZ names from AWS "Regions and Availability Zones"
 * (https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-availability-zones.html); ALB
 * hosted zone ids from "Elastic Load Balancing endpoints and quotas"
 * (https://docs.aws.amazon.com/general/latest/gr/elb.html); the ELB access-log principal from the ALB
 * guide's "Enable access logs" (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html).
 */
export interface RegionFacts {
    /** AZ names a typical account sees. */
    readonly availabilityZones: readonly string[];
    /** Route 53 alias hosted zone id of Application Load Balancers in this region. */
    readonly albHostedZoneId: string;
    /**
     * The AWS account that delivers ALB access logs, for regions available before August 2022; undefined
     * in the newer ones, where the service principal `ELB_LOG_DELIVERY_SERVICE` delivers them instead.
     */
    readonly elbLogDeliveryAccount?: string;
}

/** The service principal that delivers ALB access logs in regions opened in or after August 2022. */
export const ELB_LOG_DELIVERY_SERVICE = "logdelivery.elasticloadbalancing.amazonaws.com";

function azs(region: string, letters: string): string[] {
    return [...letters].map((l) => `${region}${l}`);
}

/** A region's row: its AZ letters, ALB zone id, and the ELB log account where it has one. */
const row = (region: string, letters: string, albHostedZoneId: string, elbLogDeliveryAccount?: string) =>
    [region, { availabilityZones: azs(region, letters), albHostedZoneId, elbLogDeliveryAccount }] as const;

export const regions: Readonly<Record<string, RegionFacts>> = Object.fromEntries([
    // Regions available before August 2022: an ELB account per region writes the access logs.
    row("us-east-1", "abcdef", "Z35SXDOTRQ7X7K", "127311923021"),
    row("us-east-2", "abc", "Z3AADJGX6KTTL2", "033677994240"),
    row("us-west-1", "bc", "Z368ELLRRE2KJ0", "027434742980"),
    row("us-west-2", "abcd", "Z1H1FL5HABSF5", "797873946194"),
    row("af-south-1", "abc", "Z268VQBMOI5EKX", "098369216593"),
    row("ap-east-1", "abc", "Z3DQVH9N71FHZ0", "754344448648"),
    row("ap-south-1", "abc", "ZP97RAFLXTNZK", "718504428378"),
    row("ap-northeast-1", "acd", "Z14GRHDCWA56QT", "582318560864"),
    row("ap-northeast-2", "abcd", "ZWKZPGTI48KDX", "600734575887"),
    row("ap-northeast-3", "abc", "Z5LXEXXYW11ES", "383597477331"),
    row("ap-southeast-1", "abc", "Z1LMS91P8CMLE5", "114774131450"),
    row("ap-southeast-2", "abc", "Z1GM3OXH4ZPM65", "783225319266"),
    row("ap-southeast-3", "abc", "Z08888821HLRG5A9ZRTER", "589379963580"),
    row("ca-central-1", "abd", "ZQSVJUPU6J1EY", "985666609251"),
    row("eu-central-1", "abc", "Z215JYRZR1TBD5", "054676820928"),
    row("eu-west-1", "abc", "Z32O12XQLNTSW2", "156460612806"),
    row("eu-west-2", "abc", "ZHURV8PSTC4K8", "652711504416"),
    row("eu-west-3", "abc", "Z3Q77PNBQS71R4", "009996457667"),
    row("eu-south-1", "abc", "Z3ULH7SSC9OV64", "635631232127"),
    row("eu-north-1", "abc", "Z23TAZ6LKFMNIO", "897822967062"),
    row("me-south-1", "abc", "ZS929ML54UICD", "076674570225"),
    row("sa-east-1", "abc", "Z2P70J7HTTTPLU", "507241528517"),
    // Regions opened since: the log-delivery service principal writes them.
    row("ap-south-2", "abc", "Z0173938T07WNTVAEPZN"),
    row("eu-central-2", "abc", "Z06391101F2ZOEP8P5EB3"),
    row("eu-south-2", "abc", "Z0956581394HF5D5LXGAP"),
    row("me-central-1", "abc", "Z08230872XQRWHG2XF6I"),
]);

export const supportedRegions = Object.keys(regions);

export function isSupportedRegion(region: unknown): region is string {
    return typeof region === "string" && Object.prototype.hasOwnProperty.call(regions, region);
}

/**
 * The principal an ALB access-log bucket policy must allow to write in `region`: the region's ELB
 * account (`{ AWS: "arn:<partition>:iam::<account>:root" }`) where it has one, else the log-delivery
 * service principal. Undefined for a region this library does not support.
 */
export function elbLogDeliveryPrincipal(
    region: string,
    partition = "aws",
): { AWS: string } | { Service: string } | undefined {
    if (!isSupportedRegion(region)) return undefined;
    const account = regions[region].elbLogDeliveryAccount;
    return account ? { AWS: `arn:${partition}:iam::${account}:root` } : { Service: ELB_LOG_DELIVERY_SERVICE };
}
