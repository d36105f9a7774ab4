import { describe, expect, it } from "vitest";
import { DnsValidatedCertificate, DnsValidatedCertificateArgs, validationDomains } from "../components/certificate";
import { InvalidInputError } from "../components/internal";
import { ofType, one, run, runExpectingError } from "./harness";
import { CERTIFICATE, EXAMPLE_ZONE_ID, RECORD, VALIDATION } from "./dns.fixtures";

const build = (args: DnsValidatedCertificateArgs) => async () => {
    const cert = new DnsValidatedCertificate("cert", args);
    return {
        certificateArns: cert.certificateArns,
        zoneId: cert.zoneId,
        validationRecordFqdns: cert.validationRecordFqdns,
    };
};

const base: DnsValidatedCertificateArgs = {
    zone: { zoneName: "example.com" },
    domainName: "app.example.com",
    regions: ["us-east-1", "us-west-2"],
};

describe("DnsValidatedCertificate", () => {
    it("requests one DNS-validated certificate per region, with the per-resource region", async () => {
        const record = await run(
            build({ ...base, subjectAlternativeNames: ["www.example.com"], tags: { team: "web" } }),
        );
        const certs = ofType(record, CERTIFICATE);
        expect(certs.map((c) => [c.name, c.region, c.inputs.region]).sort()).toEqual([
            ["cert-us-east-1", "us-east-1", "us-east-1"],
            ["cert-us-west-2", "us-west-2", "us-west-2"],
        ]);
        for (const c of certs) {
            expect(c.inputs).toMatchObject({
                domainName: "app.example.com",
                subjectAlternativeNames: ["www.example.com"],
                validationMethod: "DNS",
            });
            expect(c.inputs.tags).toMatchObject({ team: "web", Name: `pulumi-aws-dr-test-cert-${c.region}` });
        }
    });

    it("writes one validation record per distinct name, shared by every region and by a wildcard and its base", async () => {
        const record = await run(
            build({
                ...base,
                regions: ["us-east-1", "us-west-2", "eu-west-1"],
                subjectAlternativeNames: ["*.app.example.com", "www.example.com", "*.www.example.com"],
            }),
        );
        const records = ofType(record, RECORD);
        expect(records.map((r) => r.name).sort()).toEqual([
            "cert-validation-app.example.com",
            "cert-validation-www.example.com",
        ]);
        for (const r of records) {
            const domain = r.name.replace("cert-validation-", "");
            expect(r.inputs).toMatchObject({ zoneId: EXAMPLE_ZONE_ID, type: "CNAME", ttl: 300, allowOverwrite: false });
            expect(String(r.inputs.name)).toMatch(new RegExp(`^_[0-9a-f]{32}\\.${domain.replace(/\./g, "\\.")}\\.$`));
            expect(r.inputs.records).toEqual([expect.stringMatching(/\.acm-validations\.aws\.$/)]);
        }
        const fqdns = records.map((r) => String(r.inputs.name).replace(/\.$/, "")).sort();
        const validations = ofType(record, VALIDATION);
        expect(validations.map((v) => v.region).sort()).toEqual(["eu-west-1", "us-east-1", "us-west-2"]);
        for (const v of validations) {
            expect([...(v.inputs.validationRecordFqdns as string[])].sort()).toEqual(fqdns);
            const cert = one(record, CERTIFICATE, v.name);
            expect(v.inputs.certificateArn).toMatch(new RegExp(`^arn:aws:acm:${cert.region}:`));
        }
        expect(
            validationDomains("app.example.com", ["*.app.example.com", "WWW.example.com.", "*.www.example.com"]),
        ).toEqual(["app.example.com", "www.example.com"]);
    });

    it("outputs the validated ARN per region, so an ALB using it waits for validation", async () => {
        const record = await run(build(base));
        const arns = record.outputs.certificateArns.value as Record<string, string>;
        expect(Object.keys(arns).sort()).toEqual(["us-east-1", "us-west-2"]);
        for (const region of ["us-east-1", "us-west-2"]) {
            expect(arns[region]).toBe(one(record, VALIDATION, `cert-${region}`).inputs.certificateArn);
        }
    });

    it("parents every child to the component", async () => {
        const record = await run(build({ ...base, zone: { create: { name: "example.com" } } }));
        const component = one(record, "pulumi-aws-dr:certificate:DnsValidatedCertificate");
        const children = record.resources.filter((r) => r !== component);
        expect(children.map((c) => c.type).sort()).toEqual(
            [CERTIFICATE, CERTIFICATE, VALIDATION, VALIDATION, RECORD, "aws:route53/zone:Zone"].sort(),
        );
        for (const c of children) expect(c.parent, c.name).toBe(component.urn);
    });
});

describe("DnsValidatedCertificate validation", () => {
    const subject = 'DnsValidatedCertificate "cert": ';
    const cases: [string, DnsValidatedCertificateArgs, string][] = [
        ["no region", { ...base, regions: [] }, "regions must be a list of at least one region, got []"],
        [
            "a repeated region",
            { ...base, regions: ["us-east-1", "us-east-1"] },
            'regions must be a list of distinct regions, got ["us-east-1","us-east-1"]',
        ],
        ["an unknown region", { ...base, regions: ["mars-1"] }, "regions.0 must be a supported region (us-east-1, "],
        [
            "a malformed name",
            { ...base, domainName: "app..example.com" },
            'domainName must be a DNS name such as app.example.com or *.example.com, got "app..example.com"',
        ],
        [
            "a SAN outside the zone",
            { ...base, subjectAlternativeNames: ["app.example.org"] },
            'subjectAlternativeNames.0 must be a name in the hosted zone example.com, got "app.example.org"',
        ],
        [
            "a repeated name",
            { ...base, subjectAlternativeNames: ["App.example.com."] },
            'subjectAlternativeNames.0 must be a name not already on the certificate, got "App.example.com."',
        ],
        [
            "more names than ACM's quota",
            { ...base, subjectAlternativeNames: Array.from({ length: 10 }, (_, i) => `s${i}.example.com`) },
            "subjectAlternativeNames must be at most 9 names (ACM's default quota is 10 per certificate)",
        ],
        [
            "a zone by id and by name",
            { ...base, zone: { zoneId: EXAMPLE_ZONE_ID, zoneName: "example.com" } as never },
            'zone.zoneName must be omitted when zone.zoneId is given (a zone is named by id or by name, not both), got "example.com"',
        ],
    ];
    for (const [label, args, message] of cases) {
        it(`rejects ${label} before creating anything`, async () => {
            const { error, registered } = await runExpectingError(build(args));
            expect(error).toBeInstanceOf(InvalidInputError);
            expect(error.message).toContain(subject + message);
            expect(registered).toEqual([]);
        });
    }

    it("checks a zone given by id once its name is known, and writes no record outside it", async () => {
        const { error, registered } = await runExpectingError(
            build({ ...base, zone: { zoneId: EXAMPLE_ZONE_ID }, domainName: "app.example.org" }),
        );
        expect(
            error.message.endsWith(
                `${subject}domainName must be a name in the hosted zone example.com, got "app.example.org"`,
            ),
        ).toBe(true);
        expect(registered.filter((r) => r.type === RECORD)).toEqual([]);
    });
});
