export { Cdn, CDN_TYPE } from "./cdn";
export { WebAcl, WEB_ACL_TYPE } from "./webAcl";
export {
    CdnArgs,
    CdnOrigin,
    CdnOriginTimeouts,
    CdnWebAcl,
    CdnAlarms,
    WebAclArgs,
    CdnOriginVerify,
    CdnPriceClass,
    WebAclForwardedIp,
    WebAclForwardedIpFallback,
    WebAclScope,
    cdnDefaults,
    webAclDefaults,
    CDN_TLS_POLICIES,
    FAILOVER_STATUS_CODES,
    MANAGED_RULE_GROUPS,
    MANAGED_POLICIES,
} from "./args";
export {
    validateCdnArgs,
    validateWebAclArgs,
    originFailoverSeconds,
    patternsOverlap,
    certificateRegion,
    ORIGIN_LIMITS,
    RATE_LIMIT_RANGE,
} from "./validate";
