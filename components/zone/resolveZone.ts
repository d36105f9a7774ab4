import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { InvalidInputError } from "../shared/errors";
import { statefulOptions, Tags } from "../shared/tags";
import { afterCheck } from "../shared/validation";
import { zoneDefaults, ZoneSpec } from "./args";
import { NameInZone, namesOutsideZone } from "./validate";

export interface ResolvedZone {
    /**
     * The zone's id. It resolves only after the names that must lie in the zone were checked against
     * the zone's real name, so records in the wrong zone are never created.
     */
    readonly zoneId: pulumi.Output<string>;
    /** The created zone, when the spec asked for one. */
    readonly created?: aws.route53.Zone;
}

export interface ResolveZoneOptions {
    readonly parent: pulumi.Resource;
    /** Prefix of logical names: `${name}-zone`. */
    readonly name: string;
    /** Names every problem reports, e.g. `FailoverDns "app"`. */
    readonly subject: string;
    readonly names: readonly NameInZone[];
    readonly tags?: Tags;
    readonly protect?: boolean;
    /**
     * The component's check of its inputs once they resolve (`checkWhenResolved`). A lookup by id
     * waits for it, so a malformed Output id fails with the component's message, not the lookup's.
     */
    readonly inputsChecked?: pulumi.Output<boolean>;
}

/** Looks up or creates the zone of a validated spec. */
export function resolveZone(spec: ZoneSpec, o: ResolveZoneOptions): ResolvedZone {
    const child = { parent: o.parent };
    let found: { zoneId: pulumi.Output<string>; name: pulumi.Output<string>; created?: aws.route53.Zone };
    if (spec.create) {
        const created = new aws.route53.Zone(
            `${o.name}-zone`,
            {
                name: spec.create.name,
                comment: spec.create.comment ?? zoneDefaults.comment,
                // A hosted zone holds the delegation users' resolvers depend on: never empty it on delete.
                forceDestroy: false,
                tags: o.tags,
            },
            { ...child, ...statefulOptions(o.protect) },
        );
        found = { zoneId: created.zoneId, name: created.name, created };
    } else if (spec.zone) {
        found = { zoneId: spec.zone.zoneId, name: spec.zone.name };
    } else {
        const zoneId =
            spec.zoneId !== undefined && o.inputsChecked ? afterCheck(o.inputsChecked, spec.zoneId) : spec.zoneId;
        const lookup = aws.route53.getZoneOutput(
            zoneId !== undefined ? { zoneId, privateZone: false } : { name: spec.zoneName, privateZone: false },
            child,
        );
        found = { zoneId: lookup.zoneId, name: lookup.name };
    }
    const zoneId = pulumi.all([found.zoneId, found.name]).apply(([id, zoneName]) => {
        const problems = namesOutsideZone(o.names, zoneName);
        if (problems.length > 0) throw new InvalidInputError(o.subject, problems);
        return id;
    });
    return { zoneId, created: found.created };
}
