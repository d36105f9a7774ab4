import { InputProblem } from "../shared/errors";
import { Problems } from "../shared/validation";
import { FleetArgs } from "./args";

/** Auto Scaling's own ceiling for one group's size is far higher; 1000 keeps typos out. */
export const MAX_FLEET_SIZE = 1000;

const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9]+$/;

/** Instance types one mixed instances policy may override: https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_LaunchTemplate.html (Overrides, at most 40). */
export const MAX_INSTANCE_TYPES = 40;

/** EC2's limit on user data, in raw form before base64: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/user-data.html */
export const USER_DATA_MAX_BYTES = 16 * 1024;

type ValidatedFleetArgs = Pick<
    FleetArgs,
    | "capacity"
    | "instanceType"
    | "instanceTypes"
    | "amiParameter"
    | "imageId"
    | "userData"
    | "rootVolumeGiB"
    | "instanceWarmupSeconds"
    | "targetCpuPercent"
>;

export function validateFleetArgs(args: ValidatedFleetArgs): InputProblem[] {
    const p = new Problems();
    const { min, max, desired } = args.capacity ?? ({} as FleetArgs["capacity"]);
    p.integerIn("capacity.min", min, 0, MAX_FLEET_SIZE);
    p.integerIn("capacity.max", max, 0, MAX_FLEET_SIZE);
    p.integerIn("capacity.desired", desired, 0, MAX_FLEET_SIZE);
    if ([min, max, desired].every(Number.isInteger)) {
        p.require(min <= max, "capacity.min", min, `at most capacity.max (${max})`);
        p.require(
            desired >= min && desired <= max,
            "capacity.desired",
            desired,
            `within capacity.min..capacity.max (${min}..${max})`,
        );
    }
    p.matches("instanceType", args.instanceType, INSTANCE_TYPE, "an EC2 instance type such as t3.micro");
    if (args.instanceTypes !== undefined) {
        const types = args.instanceTypes;
        p.require(
            Array.isArray(types) && types.length >= 1 && types.length <= MAX_INSTANCE_TYPES,
            "instanceTypes",
            types,
            `a list of 1..${MAX_INSTANCE_TYPES} EC2 instance types, most preferred first`,
        );
        (Array.isArray(types) ? types : []).forEach((t, i) => {
            p.matches(`instanceTypes.${i}`, t, INSTANCE_TYPE, "an EC2 instance type such as t3.micro");
            p.require(types.indexOf(t) === i, `instanceTypes.${i}`, t, "an instance type not already listed");
        });
        if (args.instanceType !== undefined)
            p.add("instanceType", args.instanceType, "unset when instanceTypes is set: one list of instance types");
    }
    p.matches("amiParameter", args.amiParameter, /^\/[\w./-]+$/, "an SSM parameter name starting with /");
    p.matches("imageId", args.imageId, /^ami-([0-9a-f]{8}|[0-9a-f]{17})$/, "an AMI id: ami- and 8 or 17 hex digits");
    if (args.imageId !== undefined && args.amiParameter !== undefined) {
        p.add("imageId", args.imageId, "unset when amiParameter is set: one image source");
    }
    if (typeof args.userData === "string") {
        const bytes = Buffer.byteLength(args.userData, "utf8");
        p.require(
            bytes <= USER_DATA_MAX_BYTES,
            "userData",
            `${bytes} bytes`,
            `at most ${USER_DATA_MAX_BYTES} bytes before base64 (EC2's user data limit)`,
        );
    }
    p.integerIn("rootVolumeGiB", args.rootVolumeGiB, 8, 16384);
    p.integerIn("instanceWarmupSeconds", args.instanceWarmupSeconds, 0, 3600);
    p.integerIn("targetCpuPercent", args.targetCpuPercent, 10, 90);
    return [...p.list];
}

/** Where the fleet goes: a VPC is required, or its security group would land in the default VPC. */
export function validateFleetPlacement(args: Pick<FleetArgs, "vpcId">): InputProblem[] {
    const p = new Problems();
    p.ec2Id("vpcId", args.vpcId, "vpc");
    return [...p.list];
}
