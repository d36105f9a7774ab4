import { InputProblem } from "../shared/errors";
import { isSupportedRegion, supportedRegions } from "../shared/regions";
import { Problems } from "../shared/validation";
import { isDnsName, NameInZone, normalizeDnsName, validateZoneSpec } from "../zone/validate";
import { DnsValidatedCertificateArgs } from "./args";

/**
 * ACM's default quota of names per certificate (domain name plus SANs), "Quotas" in the ACM User
 * Guide. It can be raised, but a default that fails at request time is worse than an early message.
 */
export const ACM_MAX_NAMES = 10;

/** The certificate's names, each with the field it came from. */
export function certificateNames(
    args: Pick<DnsValidatedCertificateArgs, "domainName" | "subjectAlternativeNames">,
    paths = { domainName: "domainName", subjectAlternativeNames: "subjectAlternativeNames" },
): NameInZone[] {
    return [
        { path: paths.domainName, value: args.domainName },
        ...(args.subjectAlternativeNames ?? []).map((value, i) => ({
            path: `${paths.subjectAlternativeNames}.${i}`,
            value,
        })),
    ];
}

/**
 * The names that need a validation record, in order and without repeats: ACM validates `*.x` with
 * the same CNAME as `x`, so both share one record.
 */
export function validationDomains(domainName: string, subjectAlternativeNames: readonly string[] = []): string[] {
    return [...new Set([domainName, ...subjectAlternativeNames].map((d) => normalizeDnsName(d).replace(/^\*\./, "")))];
}

/**
 * Problems with a certificate's names: each a DNS name, and no more than ACM's quota. `sansPath` is
 * where the SANs are in the caller's args (FailoverDns nests them under `certificate`).
 */
export function certificateNameProblems(
    names: readonly NameInZone[],
    sans: readonly string[] | undefined,
    sansPath: string,
): InputProblem[] {
    const p = new Problems();
    const seen = new Set<string>();
    for (const n of names) {
        p.require(isDnsName(n.value), n.path, n.value, "a DNS name such as app.example.com or *.example.com");
        const key = typeof n.value === "string" ? normalizeDnsName(n.value) : n.value;
        p.require(!seen.has(key), n.path, n.value, "a name not already on the certificate");
        seen.add(key);
    }
    p.require(
        names.length <= ACM_MAX_NAMES,
        sansPath,
        sans,
        `at most ${ACM_MAX_NAMES - 1} names (ACM's default quota is ${ACM_MAX_NAMES} per certificate)`,
    );
    return [...p.list];
}

/** Every problem with a certificate's plain inputs. Pure. */
export function validateCertificateArgs(args: DnsValidatedCertificateArgs): InputProblem[] {
    const p = new Problems();
    const names = certificateNames(args);
    p.merge("", certificateNameProblems(names, args.subjectAlternativeNames, "subjectAlternativeNames"));
    const regions = args.regions;
    if (!Array.isArray(regions) || regions.length === 0) {
        p.add("regions", regions, "a list of at least one region");
    } else {
        p.require(new Set(regions).size === regions.length, "regions", regions, "a list of distinct regions");
        regions.forEach((r, i) =>
            p.require(isSupportedRegion(r), `regions.${i}`, r, `a supported region (${supportedRegions.join(", ")})`),
        );
    }
    // Names outside the zone only make sense to report once the names themselves are well formed.
    const wellFormed = names.filter((n) => isDnsName(n.value));
    p.merge("", validateZoneSpec(args.zone, wellFormed));
    return [...p.list];
}
