/**
 * Facts about the AWS regions this library supports. Components use the AZ names to check early
 * that a region has as many AZs as asked; the deploy-time `getAvailabilityZones` result is checked
 * again, since an account can see fewer AZs than this table lists (AZ access differs per account).
 * Sources: AWS "Regions and Availability Zones"; ALB hosted zone ids from "Elastic Load Balancing
 * endpoints and quotas"; ELB log-delivery accounts from the ALB guide "Enable access logs".
 */
export interface RegionFacts {
    /** AZ names a typical account sees. */
    readonly availabilityZones: readonly string[];
    /** Route 53 alias hosted zone id of Application Load Balancers in this region. */
    readonly albHostedZoneId: string;
    /** AWS account that delivers ALB access logs in this region (regions older than Aug 2022). */
    readonly elbLogDeliveryAccount: string;
}

function azs(region: string, letters: string): string[] {
    return [...letters].map((l) => `${region}${l}`);
}

export const regions: Readonly<Record<string, RegionFacts>> = {
    "us-east-1": {
        availabilityZones: azs("us-east-1", "abcdef"),
        albHostedZoneId: "Z35SXDOTRQ7X7K",
        elbLogDeliveryAccount: "127311923021",
    },
    "us-east-2": {
        availabilityZones: azs("us-east-2", "abc"),
        albHostedZoneId: "Z3AADJGX6KTTL2",
        elbLogDeliveryAccount: "033677994240",
    },
    "us-west-1": {
        availabilityZones: azs("us-west-1", "bc"),
        albHostedZoneId: "Z368ELLRRE2KJ0",
        elbLogDeliveryAccount: "027434742980",
    },
    "us-west-2": {
        availabilityZones: azs("us-west-2", "abcd"),
        albHostedZoneId: "Z1H1FL5HABSF5",
        elbLogDeliveryAccount: "797873946194",
    },
    "ca-central-1": {
        availabilityZones: azs("ca-central-1", "abd"),
        albHostedZoneId: "ZQSVJUPU6J1EY",
        elbLogDeliveryAccount: "985666609251",
    },
    "eu-west-1": {
        availabilityZones: azs("eu-west-1", "abc"),
        albHostedZoneId: "Z32O12XQLNTSW2",
        elbLogDeliveryAccount: "156460612806",
    },
    "eu-west-2": {
        availabilityZones: azs("eu-west-2", "abc"),
        albHostedZoneId: "ZHURV8PSTC4K8",
        elbLogDeliveryAccount: "652711504416",
    },
    "eu-central-1": {
        availabilityZones: azs("eu-central-1", "abc"),
        albHostedZoneId: "Z215JYRZR1TBD5",
        elbLogDeliveryAccount: "054676820928",
    },
    "ap-southeast-1": {
        availabilityZones: azs("ap-southeast-1", "abc"),
        albHostedZoneId: "Z1LMS91P8CMLE5",
        elbLogDeliveryAccount: "114774131450",
    },
    "ap-southeast-2": {
        availabilityZones: azs("ap-southeast-2", "abc"),
        albHostedZoneId: "Z1GM3OXH4ZPM65",
        elbLogDeliveryAccount: "783225319266",
    },
    "ap-northeast-1": {
        availabilityZones: azs("ap-northeast-1", "acd"),
        albHostedZoneId: "Z14GRHDCWA56QT",
        elbLogDeliveryAccount: "582318560864",
    },
    "sa-east-1": {
        availabilityZones: azs("sa-east-1", "abc"),
        albHostedZoneId: "Z2P70J7HTTTPLU",
        elbLogDeliveryAccount: "507241528517",
    },
};

export const supportedRegions = Object.keys(regions);

export function isSupportedRegion(region: unknown): region is string {
    return typeof region === "string" && Object.prototype.hasOwnProperty.call(regions, region);
}
