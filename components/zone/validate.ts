import { InputProblem } from "../shared/errors";
import { isDeferred, Problems } from "../shared/validation";
import { ZoneSpec } from "./args";

/** A DNS name of labels of 1..63 letters, digits or hyphens, at most 253 characters; `*.` may lead. */
const DNS_NAME = /^(\*\.)?([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.?$/i;
const DNS_NAME_MAX = 253;

export function normalizeDnsName(name: string): string {
    return name.toLowerCase().replace(/\.+$/, "");
}

export function isDnsName(name: unknown): boolean {
    return typeof name === "string" && name.length <= DNS_NAME_MAX && DNS_NAME.test(name);
}

/** True when `name` is the zone's apex or a name below it. */
export function isInZone(name: string, zoneName: string): boolean {
    const n = normalizeDnsName(name);
    const z = normalizeDnsName(zoneName);
    return n === z || n.endsWith(`.${z}`);
}

/** A name that must lie in the zone, with the field it came from. */
export interface NameInZone {
    readonly path: string;
    readonly value: string;
}

export function namesOutsideZone(names: readonly NameInZone[], zoneName: string): InputProblem[] {
    return names
        .filter((n) => !isInZone(n.value, zoneName))
        .map((n) => ({
            path: n.path,
            value: n.value,
            allowed: `a name in the hosted zone ${normalizeDnsName(zoneName)}`,
        }));
}

/** The zone's name when it is known while the program runs (given by name or created here). */
export function knownZoneName(zone: ZoneSpec): string | undefined {
    if (typeof zone?.zoneName === "string") return zone.zoneName;
    if (zone?.create && typeof zone.create.name === "string") return zone.create.name;
    return undefined;
}

/**
 * Every problem with a zone spec, and with the names that must lie in it when its name is known.
 * Pure. A zone given by id or as a resource has its names checked once its name resolves.
 */
export function validateZoneSpec(zone: ZoneSpec | undefined, names: readonly NameInZone[]): InputProblem[] {
    const p = new Problems();
    if (zone === undefined || zone === null || typeof zone !== "object") {
        p.add("zone", zone, "one of { zoneId }, { zoneName } or { create: { name } }");
        return [...p.list];
    }
    // The types forbid two forms at once; JavaScript callers and config files can still send them.
    const loose = zone as Record<string, unknown>;
    const given = ["zoneId", "zoneName", "create", "zone"].filter((k) => loose[k] !== undefined);
    if (loose.zoneId !== undefined && loose.zoneName !== undefined) {
        p.add(
            "zone.zoneName",
            loose.zoneName,
            "omitted when zone.zoneId is given (a zone is named by id or by name, not both)",
        );
    } else if (given.length !== 1) {
        p.add("zone", given, "exactly one of zoneId, zoneName, create or zone");
    }
    if (zone.zoneId !== undefined && !isDeferred(zone.zoneId)) {
        p.matches("zone.zoneId", zone.zoneId, /^Z[A-Z0-9]{1,31}$/, "a hosted zone id such as Z0EXAMPLE1234567890AB");
    }
    if (zone.zoneName !== undefined)
        p.require(isDnsName(zone.zoneName), "zone.zoneName", zone.zoneName, "a DNS name such as example.com");
    if (zone.create !== undefined)
        p.require(
            isDnsName(zone.create?.name),
            "zone.create.name",
            zone.create?.name,
            "a DNS name such as example.com",
        );
    const zoneName = knownZoneName(zone);
    if (p.list.length === 0 && zoneName !== undefined) {
        for (const problem of namesOutsideZone(names, zoneName)) p.add(problem.path, problem.value, problem.allowed);
    }
    return [...p.list];
}
