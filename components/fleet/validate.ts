import { InputProblem } from "../shared/errors";
import { Problems } from "../shared/validation";
import { FleetArgs } from "./args";

/** Auto Scaling's own ceiling for one group's size is far higher; 1000 keeps typos out. */
export const MAX_FLEET_SIZE = 1000;

export function validateFleetArgs(args: Pick<FleetArgs, "capacity" | "instanceType" | "amiParameter" | "rootVolumeGiB" | "instanceWarmupSeconds" | "targetCpuPercent">): InputProblem[] {
    const p = new Problems();
    const { min, max, desired } = args.capacity ?? ({} as FleetArgs["capacity"]);
    p.integerIn("capacity.min", min, 0, MAX_FLEET_SIZE);
    p.integerIn("capacity.max", max, 0, MAX_FLEET_SIZE);
    p.integerIn("capacity.desired", desired, 0, MAX_FLEET_SIZE);
    if ([min, max, desired].every(Number.isInteger)) {
        p.require(min <= max, "capacity.min", min, `at most capacity.max (${max})`);
        p.require(desired >= min && desired <= max, "capacity.desired", desired, `within capacity.min..capacity.max (${min}..${max})`);
    }
    p.matches("instanceType", args.instanceType, /^[a-z][a-z0-9-]*\.[a-z0-9]+$/, "an EC2 instance type such as t3.micro");
    p.matches("amiParameter", args.amiParameter, /^\/[\w./-]+$/, "an SSM parameter name starting with /");
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
