import * as pulumi from "@pulumi/pulumi";
import { InputProblem, InvalidInputError } from "./errors";

/**
 * True when a value is not known while the program runs: a Pulumi Output or a Promise. Such values
 * are skipped by the early checks and checked again once they resolve (see `checkWhenResolved`).
 */
export function isDeferred(value: unknown): boolean {
    return pulumi.Output.isInstance(value) || value instanceof Promise;
}

/**
 * Collects every problem with a set of inputs, so the user sees all of them at once.
 * Each `check*` method ignores deferred values and `undefined` (an omitted optional field).
 */
export class Problems {
    private readonly found: InputProblem[] = [];

    get list(): readonly InputProblem[] {
        return this.found;
    }

    add(path: string, value: unknown, allowed: string): void {
        this.found.push({ path, value, allowed });
    }

    /** Records a problem unless `ok` holds. */
    require(ok: boolean, path: string, value: unknown, allowed: string): void {
        if (!ok) this.add(path, value, allowed);
    }

    integerIn(path: string, value: unknown, min: number, max: number): void {
        if (value === undefined || isDeferred(value)) return;
        const ok = typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;
        this.require(ok, path, value, `an integer ${min}..${max}`);
    }

    oneOf<T extends string | number>(path: string, value: unknown, allowed: readonly T[]): void {
        if (value === undefined || isDeferred(value)) return;
        this.require((allowed as readonly unknown[]).includes(value), path, value, `one of ${allowed.join(", ")}`);
    }

    matches(path: string, value: unknown, pattern: RegExp, allowed: string): void {
        if (value === undefined || isDeferred(value)) return;
        this.require(typeof value === "string" && pattern.test(value), path, value, allowed);
    }

    /**
     * A required EC2 id such as a VPC's (`vpc-` and 8 or 17 hex digits). Unlike the other checks,
     * `undefined` is a problem: plain JavaScript, `as any` or an Output that resolves to nothing would
     * otherwise reach EC2, which puts a security group without a VPC in the default VPC.
     */
    ec2Id(path: string, value: unknown, prefix: string): void {
        if (isDeferred(value)) return;
        const ok = typeof value === "string" && new RegExp(`^${prefix}-(?:[0-9a-f]{8}|[0-9a-f]{17})$`).test(value);
        this.require(ok, path, value, `a ${prefix}- id (${prefix}- and 8 or 17 hex digits); required`);
    }

    /** Adds problems found by another validator, with their paths under `prefix`. */
    merge(prefix: string, problems: readonly InputProblem[]): void {
        for (const p of problems) this.add(prefix ? `${prefix}.${p.path}` : p.path, p.value, p.allowed);
    }

    throwIfAny(subject: string): void {
        if (this.found.length > 0) throw new InvalidInputError(subject, this.found);
    }
}

/** True when any value inside `value` (an args object) is deferred. */
export function containsDeferred(value: unknown, seen = new Set<unknown>()): boolean {
    if (isDeferred(value)) return true;
    if (value === null || typeof value !== "object" || seen.has(value)) return false;
    if (pulumi.Resource.isInstance(value)) return false;
    seen.add(value);
    return Object.values(value as Record<string, unknown>).some((v) => containsDeferred(v, seen));
}

/** Every deferred value inside `value`, at any depth of objects and arrays, each once. */
function deferredIn(value: unknown, found = new Set<unknown>(), seen = new Set<unknown>()): Set<unknown> {
    if (isDeferred(value)) found.add(value);
    else if (value !== null && typeof value === "object" && !seen.has(value) && !pulumi.Resource.isInstance(value)) {
        seen.add(value);
        for (const v of Object.values(value)) deferredIn(v, found, seen);
    }
    return found;
}

/**
 * `value` with each deferred value in it replaced by what it resolved to. Objects and arrays are
 * copied and resources kept as they are, as `pulumi.output` does.
 */
function substitute(value: unknown, resolved: ReadonlyMap<unknown, unknown>, inside = new Set<unknown>()): unknown {
    if (resolved.has(value)) return resolved.get(value);
    if (value === null || typeof value !== "object" || pulumi.Resource.isInstance(value)) return value;
    if (inside.has(value)) throw new Error("Cannot create an Output from a circular structure");
    const within = new Set(inside).add(value);
    if (Array.isArray(value)) return value.map((v) => substitute(v, resolved, within));
    const record = value as Record<string, unknown>;
    return Object.fromEntries(Object.keys(record).map((k) => [k, substitute(record[k], resolved, within)]));
}

/**
 * `pulumi.output(value).apply(f)` for a `value` that holds deferred values, for less: one Output over
 * the deferred values alone (none at all for one Output), and `f` on a plain copy with their values
 * in place. `pulumi.output` wraps every Output inside again and builds an Output for every object
 * and array on the way to one, which for a policy document or a component's args is most of the
 * work. The result is the same: its value, its dependencies (those of the deferred values), secret
 * if any of them is, unknown (and `f` not run) if any of them is.
 */
function resolvedThen<U>(value: unknown, deferred: readonly unknown[], f: (plain: unknown) => U): pulumi.Output<U> {
    const then = (values: readonly unknown[]) => {
        const plain = substitute(value, new Map(deferred.map((d, i) => [d, values[i]])));
        // A value that resolved to more deferred values goes through pulumi.output, which unwraps them all.
        return containsDeferred(plain) ? (pulumi.output(plain) as pulumi.Output<unknown>).apply(f) : f(plain);
    };
    const [first] = deferred;
    const all =
        deferred.length === 1 && pulumi.Output.isInstance(first)
            ? (first as pulumi.Output<unknown>).apply((v) => then([v]))
            : pulumi.all([...deferred]).apply(then);
    return all as pulumi.Output<U>;
}

/**
 * `f(value)`, now when nothing inside `value` is deferred, else once every Output in it has resolved
 * (as `pulumi.output(value).apply(f)`). A known value stays plain, as a program without components
 * would pass it: wrapping it in an Output costs the runtime an Output, an apply and their promises
 * per value, and gives the resource the same input.
 */
export function applyKnown<T, U>(value: T, f: (resolved: pulumi.Unwrap<T>) => U): pulumi.Input<U> {
    const deferred = [...deferredIn(value)];
    return deferred.length === 0
        ? f(value as unknown as pulumi.Unwrap<T>)
        : resolvedThen(value, deferred, (plain) => f(plain as pulumi.Unwrap<T>));
}

/**
 * Runs `validate` again once every Output inside `args` has resolved, so that a bad value that was
 * unknown at program time still fails the deployment with the same message. Returns an Output that
 * the component must pass to `registerOutputs`, which makes the engine wait on it. During a preview
 * with unknown values the check does not run, exactly as the engine would not know the value either.
 */
export function checkWhenResolved<A>(
    subject: string,
    args: A,
    validate: (resolved: pulumi.Unwrap<A>) => readonly InputProblem[],
): pulumi.Output<boolean> {
    const deferred = [...deferredIn(args)];
    if (deferred.length === 0) return pulumi.output(true);
    // Whether the inputs passed is no secret, even when some inputs are: values gated on it stay public.
    return pulumi.unsecret(
        resolvedThen(args, deferred, (resolved) => {
            const problems = validate(resolved as pulumi.Unwrap<A>);
            if (problems.length > 0) throw new InvalidInputError(subject, problems, true);
            return true;
        }),
    );
}

/**
 * `value`, once the component's deferred check (`checkWhenResolved`) has passed: a value known only
 * at deploy reaches AWS only after the checks, so a bad one fails with the component's message rather
 * than the API's. A plain value was checked before anything was created and stays as it is, so
 * preview keeps showing it.
 */
export function afterCheck<T>(checked: pulumi.Output<boolean>, value: pulumi.Input<T>): pulumi.Input<T> {
    // One apply on the check that hands back the value: its result carries the value's dependencies,
    // secrecy and unknown-ness as `pulumi.all([value, checked])` would, without wrapping both again.
    return isDeferred(value) ? (checked.apply(() => value) as pulumi.Input<T>) : value;
}

/**
 * `args` with every deferred value in it (at any depth of plain objects and lists) passed through
 * `afterCheck`: a component builds its resources from the result, so when a value known only at deploy
 * fails the check, no resource that uses a deferred value is registered, and each one that would have
 * fails with the check's own error. Resources built from plain values alone are unaffected. The price:
 * in a preview where any input is unknown, every deferred value is shown as unknown too.
 */
export function gateDeferred<A>(checked: pulumi.Output<boolean>, args: A): A {
    const gate = (value: unknown): unknown => {
        if (isDeferred(value)) return afterCheck(checked, value as pulumi.Input<unknown>);
        if (Array.isArray(value)) return value.map(gate);
        if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
            return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, gate(v)]));
        }
        return value;
    };
    return containsDeferred(args) ? (gate(args) as A) : args;
}
