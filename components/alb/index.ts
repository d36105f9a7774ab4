export { MultiAzAlb, ALB_TYPE, AlbListeners } from "./multiAzAlb";
export {
    MultiAzAlbArgs,
    AlbTargetGroup,
    AlbStaticTarget,
    AlbOriginVerify,
    AlbHealthCheck,
    AlbForward,
    AlbListenerRule,
    AlbHttpHeaderCondition,
    AlbQueryStringCondition,
    AlbQueryStringMatch,
    AlbRedirect,
    AlbRedirectStatusCode,
    AlbRedirectProtocol,
    AlbFixedResponse,
    AlbFixedResponseContentType,
    AlbAuthenticateSession,
    AlbAuthenticateOidc,
    AlbAuthenticateCognito,
    AlbUnauthenticatedRequest,
    AlbQuotas,
    AlbAccessLogs,
    AlbAlarms,
    AlbTargetType,
    AlbTargetProtocol,
    AlbAlgorithm,
    AlbDesyncMitigationMode,
    AlbIpAddressType,
    DUAL_STACK_IP_ADDRESS_TYPES,
    albDefaults,
    TLS13_POLICIES,
} from "./args";
export { albWarnings, validateAlbArgs, albLimits, isHttpMatcher, AlbValidationOptions } from "./validate";
export { albDetectionSeconds, albHealthCheckDefaults, resolveHealthCheck, ResolvedHealthCheck } from "./healthCheck";
export { defaultForwardWeights, weightedForward, groupsReceivingTraffic } from "./forward";
export { targetPorts, deferredTargetPorts, DeferredTargetPort } from "./ports";
