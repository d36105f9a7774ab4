import { InputProblem } from "../shared/errors";
import { isDeferred, Problems } from "../shared/validation";
import { isSupportedRegion, regions, supportedRegions } from "../shared/regions";
import { MultiAzNetworkArgs, networkDefaults } from "./args";
import { bitsFor, parseCidr } from "./cidr";

/** AWS VPC limits: a VPC block and a subnet are each /16 to /28 (VPC User Guide, "VPC CIDR blocks"). */
export const VPC_PREFIX = { min: 16, max: 28 } as const;
export const SUBNET_MAX_PREFIX = 28;

/** CloudWatch Logs' allowed retention values (PutRetentionPolicy API). */
export const LOG_RETENTION_DAYS = [
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** The AZs the network will use when given no explicit list, or undefined when it cannot know yet. */
export function azCount(args: MultiAzNetworkArgs): number | undefined {
    if (args.availabilityZones !== undefined)
        return isDeferred(args.availabilityZones) ? undefined : args.availabilityZones.length;
    const n = args.availabilityZoneCount ?? networkDefaults.availabilityZoneCount;
    return Number.isInteger(n) ? n : undefined;
}

/**
 * Every problem with a network's plain inputs. `stackRegion` is where resources go when `region` is
 * not set. Pure: used by the component before it creates anything, and directly by tests.
 */
export function validateNetworkArgs(args: MultiAzNetworkArgs, stackRegion: string | undefined): InputProblem[] {
    const p = new Problems();
    const region = args.region ?? stackRegion;
    if (args.region !== undefined) {
        p.require(
            isSupportedRegion(args.region),
            "region",
            args.region,
            `a supported region (${supportedRegions.join(", ")})`,
        );
    }

    const cidrText = args.cidrBlock ?? networkDefaults.cidrBlock;
    const cidr = parseCidr(cidrText);
    if (!cidr) {
        p.add("cidrBlock", cidrText, "an IPv4 network address in CIDR form, e.g. 10.0.0.0/16");
    } else if (cidr.prefix < VPC_PREFIX.min || cidr.prefix > VPC_PREFIX.max) {
        p.add("cidrBlock", cidrText, `a block from /${VPC_PREFIX.min} to /${VPC_PREFIX.max}`);
    }

    if (args.availabilityZones !== undefined && !isDeferred(args.availabilityZones)) {
        const zones = args.availabilityZones;
        p.require(zones.length >= 2, "availabilityZones", zones, "a list of at least 2 AZs");
        p.require(new Set(zones).size === zones.length, "availabilityZones", zones, "a list of distinct AZs");
        zones.forEach((zone, i) => {
            const known = region && isSupportedRegion(region) ? regions[region].availabilityZones : undefined;
            if (known)
                p.require(
                    known.includes(zone),
                    `availabilityZones.${i}`,
                    zone,
                    `an AZ of ${region} (${known.join(", ")})`,
                );
        });
    } else {
        p.integerIn("availabilityZoneCount", args.availabilityZoneCount, 2, 6);
        const wanted = args.availabilityZoneCount ?? networkDefaults.availabilityZoneCount;
        if (region && isSupportedRegion(region) && Number.isInteger(wanted) && wanted >= 2 && wanted <= 6) {
            const available = regions[region].availabilityZones.length;
            p.require(
                wanted <= available,
                "availabilityZoneCount",
                wanted,
                `at most ${available}, the AZs ${region} has`,
            );
        }
    }

    const zones = azCount(args);
    if (cidr && zones !== undefined && zones >= 2) {
        const subnetPrefix = cidr.prefix + bitsFor(zones * 2);
        p.require(
            subnetPrefix <= SUBNET_MAX_PREFIX,
            "cidrBlock",
            cidrText,
            `large enough for ${zones * 2} subnets of at least /${SUBNET_MAX_PREFIX} (a /${SUBNET_MAX_PREFIX - bitsFor(zones * 2)} or larger)`,
        );
    }

    p.oneOf("natGateways", args.natGateways, ["none", "single", "onePerAz"]);
    if (args.ssmEndpoints !== undefined)
        p.require(typeof args.ssmEndpoints === "boolean", "ssmEndpoints", args.ssmEndpoints, "true or false");
    p.oneOf("flowLogRetentionDays", args.flowLogRetentionDays, LOG_RETENTION_DAYS);
    return [...p.list];
}
