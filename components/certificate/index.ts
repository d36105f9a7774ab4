export { DnsValidatedCertificate, CERTIFICATE_TYPE } from "./dnsValidatedCertificate";
export { DnsValidatedCertificateArgs, certificateDefaults } from "./args";
export { validateCertificateArgs, validationDomains, certificateNames, ACM_MAX_NAMES } from "./validate";
