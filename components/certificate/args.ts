import { ZoneSpec } from "../zone/args";
import { Tags } from "../shared/tags";

export interface DnsValidatedCertificateArgs {
    /**
     * The public hosted zone that holds the validation records: `{ zoneId }`, `{ zoneName }`,
     * `{ create: { name, comment? } }` or `{ zone }` (a zone resource of this program). Required.
     */
    zone: ZoneSpec;
    /** The certificate's main name, e.g. `app.example.com`; `*.` makes a wildcard. In the zone. Required. */
    domainName: string;
    /**
     * More names on the same certificate, each in the zone.
     * @default `[]` (`certificateDefaults.subjectAlternativeNames`): no other name
     */
    subjectAlternativeNames?: string[];
    /**
     * Regions to request the certificate in, one ACM certificate each (an ALB can only use a
     * certificate of its own region). At least one, distinct, supported regions. Required.
     */
    regions: string[];
    /**
     * Tags for the certificates.
     * @default none
     */
    tags?: Tags;
}

export const certificateDefaults = {
    subjectAlternativeNames: [] as readonly string[],
    /** TTL of the validation CNAMEs; ACM re-reads them at every renewal, so a short TTL costs nothing. */
    validationRecordTtl: 300,
} as const;
