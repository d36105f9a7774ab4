import * as pulumi from "@pulumi/pulumi";
import { InputProblem } from "../components/shared/errors";

/** A value known only at deploy time; the validators skip it, as they skip Outputs. */
export const atDeploy = <T>(): pulumi.Input<T> => Promise.resolve() as unknown as pulumi.Input<T>;

/** Rewrites a component's field path to the config path that sets it. */
export function remap(problems: readonly InputProblem[], section: string, rewrites: [RegExp, string][] = []): InputProblem[] {
    return problems.map((p) => ({ ...p, path: `${section}.${rewrites.reduce((path, [from, to]) => path.replace(from, to), p.path)}` }));
}
