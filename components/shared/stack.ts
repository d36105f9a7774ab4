import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { InvalidInputError } from "./errors";
import { childNamer, ChildNamer } from "./naming";

/** The stack's default region (`aws:region`), which resources without a `region` input use. */
export function stackRegion(): string | undefined {
    return new pulumi.Config("aws").get("region");
}

/** `<project>-<stack>-<component>-<role>` names for one component's children. */
export function namerFor(componentName: string): ChildNamer {
    return childNamer(pulumi.getProject(), pulumi.getStack(), componentName);
}

/** The AWS provider a component was given: `provider`, `providers`, or its parent's. */
function awsProviderIn(opts: pulumi.ComponentResourceOptions | undefined): pulumi.ProviderResource | undefined {
    if (!opts) return undefined;
    const given = [opts.provider, ...Object.values(opts.providers ?? {})].find(
        (p) => p !== undefined && aws.Provider.isInstance(p),
    );
    return given ?? opts.parent?.getProvider("aws::");
}

/**
 * The region a component deploys to, as awsx decides it: `region` from its args, else its AWS
 * provider's, else the stack's `aws:region`. A provider's region is an Output, unknown while the
 * program runs, yet the components check region-specific values (AZ names, regional service names)
 * before they create anything; so a component given a provider and no `region` refuses, rather than
 * validate and name AZs for the stack's region while it deploys to the provider's.
 */
export function componentRegion(
    subject: string,
    region: string | undefined,
    opts: pulumi.ComponentResourceOptions | undefined,
): string | undefined {
    if (region !== undefined) return region;
    if (awsProviderIn(opts)) {
        throw new InvalidInputError(subject, [
            {
                path: "region",
                value: undefined,
                allowed:
                    "the region of the aws provider in its options: a provider's region is known only at deploy, and the component checks and names AZs for its region before then",
            },
        ]);
    }
    return stackRegion();
}
