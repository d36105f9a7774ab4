import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/**
 * Which public hosted zone the records go into:
 * - `{ zoneId }`: an existing zone, by id (its name is looked up with `aws.route53.getZone`);
 * - `{ zoneName }`: an existing zone, by name (looked up with `aws.route53.getZone`);
 * - `{ create: { name, comment? } }`: a new zone, owned by the component;
 * - `{ zone }`: a zone that this program declares elsewhere (how FailoverDns shares the zone it
 *   created with its certificate).
 */
export type ZoneSpec =
    | { zoneId: pulumi.Input<string>; zoneName?: undefined; create?: undefined; zone?: undefined }
    | { zoneName: string; zoneId?: undefined; create?: undefined; zone?: undefined }
    | {
          create: {
              /** The zone's domain name, e.g. `example.com`. */
              name: string;
              /**
               * The zone's comment in Route 53.
               * @default none
               */
              comment?: string;
          };
          zoneId?: undefined;
          zoneName?: undefined;
          zone?: undefined;
      }
    | { zone: aws.route53.Zone; zoneId?: undefined; zoneName?: undefined; create?: undefined };
