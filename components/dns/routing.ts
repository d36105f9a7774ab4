import { Endpoint, HealthCheckSpec, healthCheckDefaults, HealthCheckType, Routing } from "./args";

/** One endpoint of a routing policy, with the id its records and health check are named by. */
export interface NamedEndpoint {
    /** `primary`/`secondary` for failover, the map key for weighted and latency, `default` for simple. */
    readonly id: string;
    /** Route 53's `setIdentifier`; none for a simple record, which is the only record of its name. */
    readonly setIdentifier?: string;
    /** Field path of the endpoint in the args, for messages. */
    readonly path: string;
    readonly endpoint: Endpoint;
    readonly weight?: number;
}

/** The endpoints of a routing policy, in a stable order. Pure; assumes the shape was validated. */
export function endpointsOf(routing: Routing): NamedEndpoint[] {
    switch (routing.policy) {
        case "simple":
            return [
                {
                    id: "default",
                    path: "routing.endpoint",
                    endpoint: { ...routing.endpoint!, healthCheck: { enabled: false } },
                },
            ];
        case "failover":
            return (["primary", "secondary"] as const).map((id) => ({
                id,
                setIdentifier: id,
                path: `routing.${id}`,
                endpoint: routing[id]!,
            }));
        case "weighted":
            return Object.entries(routing.endpoints!).map(([id, endpoint]) => ({
                id,
                setIdentifier: id,
                path: `routing.endpoints.${id}`,
                endpoint,
                weight: endpoint.weight,
            }));
        case "latency":
            return Object.entries(routing.endpoints!).map(([id, endpoint]) => ({
                id,
                setIdentifier: id,
                path: `routing.endpoints.${id}`,
                endpoint,
            }));
    }
}

export type ResolvedHealthCheck = Required<Omit<HealthCheckSpec, "enabled" | "searchString" | "regions" | "fqdn">> &
    Pick<HealthCheckSpec, "searchString" | "regions" | "fqdn">;

/** The endpoint's health check with defaults filled in, or undefined when it has none. */
export function healthCheckOf(endpoint: Endpoint): ResolvedHealthCheck | undefined {
    if (endpoint.healthCheck?.enabled === false) return undefined;
    const spec: HealthCheckSpec = endpoint.healthCheck ?? {};
    const type = spec.type ?? healthCheckDefaults.type;
    return {
        type,
        resourcePath: spec.resourcePath ?? healthCheckDefaults.resourcePath,
        port: spec.port ?? healthCheckDefaults.port[type],
        requestInterval: spec.requestInterval ?? healthCheckDefaults.requestInterval,
        failureThreshold: spec.failureThreshold ?? healthCheckDefaults.failureThreshold,
        measureLatency: spec.measureLatency ?? healthCheckDefaults.measureLatency,
        searchString: spec.searchString,
        regions: spec.regions,
        fqdn: spec.fqdn,
    };
}

export const isStringMatch = (type: HealthCheckType | undefined) =>
    type === "HTTP_STR_MATCH" || type === "HTTPS_STR_MATCH";
