import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { resolveZone } from "../zone/resolveZone";
import { normalizeDnsName } from "../zone/validate";
import { componentSubject, InvalidInputError } from "../shared/errors";
import { namerFor } from "../shared/stack";
import { named } from "../shared/tags";
import { certificateDefaults, DnsValidatedCertificateArgs } from "./args";
import { certificateNames, validateCertificateArgs, validationDomains } from "./validate";

export const CERTIFICATE_TYPE = "pulumi-aws-dr:certificate:DnsValidatedCertificate";

type ValidationOption = aws.types.output.acm.CertificateDomainValidationOption;

const baseDomain = (domain: string) => normalizeDnsName(domain).replace(/^\*\./, "");

/**
 * One ACM certificate per region for the same names, validated by DNS in a Route 53 zone.
 *
 * ACM gives a name the same validation CNAME in every region of an account, so the component
 * writes one record per distinct name (not per certificate), which also avoids two resources
 * fighting over one record. Each region's `CertificateValidation` checks that its certificate
 * really asks for those records, and waits until ACM has issued it.
 */
export class DnsValidatedCertificate extends pulumi.ComponentResource {
    /** Issued certificate ARNs by region. They resolve only once ACM has validated the certificate. */
    public readonly certificateArns: Record<string, pulumi.Output<string>>;
    /** The hosted zone holding the validation records. */
    public readonly zoneId: pulumi.Output<string>;
    /** The validation records' names, one per distinct domain. */
    public readonly validationRecordFqdns: pulumi.Output<string>[];

    constructor(name: string, args: DnsValidatedCertificateArgs, opts?: pulumi.ComponentResourceOptions) {
        const subject = componentSubject("DnsValidatedCertificate", name);
        const problems = validateCertificateArgs(args);
        if (problems.length > 0) throw new InvalidInputError(subject, problems);
        super(CERTIFICATE_TYPE, name, {}, opts);

        const child = { parent: this };
        const nameOf = namerFor(name);
        const sans = args.subjectAlternativeNames ?? [...certificateDefaults.subjectAlternativeNames];
        const zone = resolveZone(args.zone, { parent: this, name, subject, names: certificateNames(args) });
        this.zoneId = zone.zoneId;

        const certificates = args.regions.map((region) => ({
            region,
            certificate: new aws.acm.Certificate(
                `${name}-${region}`,
                {
                    region,
                    domainName: args.domainName,
                    subjectAlternativeNames: sans.length > 0 ? sans : undefined,
                    validationMethod: "DNS",
                    tags: named(args.tags, nameOf(region, 255)),
                },
                child,
            ),
        }));

        // Records must be declared while the program runs, not inside an apply, so their set comes
        // from the inputs; only each record's name and value wait for the first certificate.
        const firstOptions = certificates[0].certificate.domainValidationOptions;
        const records = validationDomains(args.domainName, sans).map((domain) => {
            const option = firstOptions.apply((options) => optionFor(subject, options, domain));
            return new aws.route53.Record(
                `${name}-validation-${domain}`,
                {
                    zoneId: zone.zoneId,
                    name: option.resourceRecordName,
                    type: option.resourceRecordType,
                    records: [option.resourceRecordValue],
                    ttl: certificateDefaults.validationRecordTtl,
                    // A record someone else owns at that name would be silently taken over otherwise.
                    allowOverwrite: false,
                },
                child,
            );
        });
        this.validationRecordFqdns = records.map((r) => r.fqdn);

        this.certificateArns = {};
        for (const { region, certificate } of certificates) {
            const fqdns = pulumi
                .all([certificate.domainValidationOptions, pulumi.all(this.validationRecordFqdns)])
                .apply(([options, written]) => coveredFqdns(subject, region, options, written));
            const validation = new aws.acm.CertificateValidation(
                `${name}-${region}`,
                {
                    region,
                    certificateArn: certificate.arn,
                    validationRecordFqdns: fqdns,
                },
                child,
            );
            this.certificateArns[region] = validation.certificateArn;
        }

        this.registerOutputs({
            certificateArns: this.certificateArns,
            zoneId: this.zoneId,
            validationRecordFqdns: this.validationRecordFqdns,
        });
    }
}

function optionFor(subject: string, options: readonly ValidationOption[], domain: string): ValidationOption {
    const option = options.find((o) => baseDomain(o.domainName) === domain);
    if (!option) throw new Error(`${subject}: ACM returned no DNS validation option for ${domain}`);
    return option;
}

/**
 * The written records that validate one region's certificate. ACM documents the validation CNAME as
 * per account and name, not per region; if a region ever answered differently, its certificate could
 * never be issued, so that fails here with a message rather than as an ACM timeout.
 */
function coveredFqdns(
    subject: string,
    region: string,
    options: readonly ValidationOption[],
    written: readonly string[],
): string[] {
    const have = new Set(written.map(normalizeDnsName));
    const missing = options.map((o) => normalizeDnsName(o.resourceRecordName)).filter((n) => !have.has(n));
    if (missing.length > 0) {
        throw new Error(
            `${subject}: the ${region} certificate asks for validation records ${missing.join(", ")}, which differ from the first region's`,
        );
    }
    return [...written];
}
