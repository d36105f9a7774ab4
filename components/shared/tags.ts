import * as pulumi from "@pulumi/pulumi";
import { applyKnown } from "./validation";

export type Tags = pulumi.Input<Record<string, pulumi.Input<string>>>;

/** The caller's tags plus a `Name` tag, which the EC2 console shows as the resource's name. */
export function named(tags: Tags | undefined, name: string): pulumi.Input<Record<string, string>> {
    return applyKnown(tags ?? {}, (t): Record<string, string> => ({ ...t, Name: name }));
}

/** Options for stateful resources (keys, vaults, log buckets): kept and guarded when asked. */
export function statefulOptions(protect: boolean | undefined): pulumi.CustomResourceOptions {
    return protect ? { protect: true, retainOnDelete: true } : {};
}
