import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** A public hosted zone the component creates and owns. */
export interface ZoneCreate {
    /** The zone's domain name, e.g. `example.com`. Required. */
    name: string;
    /**
     * The zone's comment in Route 53.
     * @default `"Managed by Pulumi"` (`zoneDefaults.comment`)
     */
    comment?: string;
}

export const zoneDefaults = {
    comment: "Managed by Pulumi",
} as const;

/**
 * Which public hosted zone the records go into; give exactly one of the four fields (checked with the other inputs,
 * before any resource is created):
 * - `{ zoneId }`: an existing zone, by id (its name is looked up with `aws.route53.getZone`);
 * - `{ zoneName }`: an existing zone, by name (looked up with `aws.route53.getZone`);
 * - `{ create: { name, comment? } }`: a new zone, owned by the component;
 * - `{ zone }`: a zone that this program declares elsewhere (how FailoverDns shares the zone it
 *   created with its certificate).
 *
 * One interface rather than a union of four shapes: Pulumi's schema inference, which gives the components to other
 * languages, accepts no unions.
 */
export interface ZoneSpec {
    /**
     * An existing zone's id.
     * @default none
     */
    zoneId?: pulumi.Input<string>;
    /**
     * An existing zone's name.
     * @default none
     */
    zoneName?: string;
    /**
     * A zone to create.
     * @default none
     */
    create?: ZoneCreate;
    /**
     * A zone resource declared elsewhere in this program.
     * @default none
     */
    zone?: aws.route53.Zone;
}
