import * as pulumi from "@pulumi/pulumi";
import { childNamer, ChildNamer } from "./naming";

/** The stack's default region (`aws:region`), which resources without a `region` input use. */
export function stackRegion(): string | undefined {
    return new pulumi.Config("aws").get("region");
}

/** `<project>-<stack>-<component>-<role>` names for one component's children. */
export function namerFor(componentName: string): ChildNamer {
    return childNamer(pulumi.getProject(), pulumi.getStack(), componentName);
}
