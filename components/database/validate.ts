import { InputProblem } from "../shared/errors";
import { checkReplicaRegion } from "../shared/replicas";
import { isDeferred, Problems } from "../shared/validation";
import { GLOBAL_DB_RPO_RANGE, globalDatabaseDefaults, GlobalDatabaseArgs, INSTANCE_CLASS } from "./args";

const ENGINE_VERSION = {
    "aurora-postgresql": /^\d{2}\.\d+$/,
    "aurora-mysql": /^\d\.\d+\.mysql_aurora\.\d+\.\d+\.\d+$/,
} as const;

/** Aurora PostgreSQL versions with global write forwarding: 16 and later, 15.4+, 14.9+ (link in GlobalDatabaseArgs.writeForwarding). */
export function supportsWriteForwarding(engine: string, version: string): boolean {
    if (engine !== "aurora-postgresql") return true;
    const [major, minor] = version.split(".").map(Number);
    return major >= 16 || (major === 15 && minor >= 4) || (major === 14 && minor >= 9);
}

function checkNetwork(p: Problems, path: string, network: GlobalDatabaseArgs["primaryNetwork"] | undefined): void {
    if (network === undefined) return;
    const clients = network.clientSecurityGroupIds;
    if (!isDeferred(clients))
        p.require(
            Array.isArray(clients) && clients.length > 0,
            `${path}.clientSecurityGroupIds`,
            clients,
            "at least one security group to admit",
        );
}

/** Every problem with a GlobalDatabase's arguments; `homeRegion` is `args.region` or the stack's. */
export function validateGlobalDatabaseArgs(args: GlobalDatabaseArgs, homeRegion: string | undefined): InputProblem[] {
    const p = new Problems();
    p.oneOf("engine", args.engine, ["aurora-postgresql", "aurora-mysql"]);
    const engine = args.engine ?? globalDatabaseDefaults.engine;
    if (engine in ENGINE_VERSION)
        p.matches(
            "engineVersion",
            args.engineVersion,
            ENGINE_VERSION[engine],
            engine === "aurora-postgresql" ? "a version such as 16.6" : "a version such as 8.0.mysql_aurora.3.08.0",
        );
    p.matches(
        "instanceClass",
        args.instanceClass,
        INSTANCE_CLASS,
        "a memory-optimized class (db.r5, r6g, r6i, r7g, r7i, r8g, x2g) such as db.r6g.large, or db.serverless",
    );
    p.integerIn("primaryInstances", args.primaryInstances, 1, 16);
    p.integerIn("secondaryInstances", args.secondaryInstances, 0, 16);
    p.integerIn("backupRetentionDays", args.backupRetentionDays, 1, 35);
    p.matches("databaseName", args.databaseName, /^[A-Za-z]\w{0,62}$/, "a letter then up to 62 letters, digits or _");
    p.matches(
        "masterUsername",
        args.masterUsername,
        /^[A-Za-z]\w{0,15}$/,
        "a letter then up to 15 letters, digits or _",
    );
    p.require(
        args.primaryNetwork !== undefined,
        "primaryNetwork",
        undefined,
        "the primary cluster's { vpcId, subnetIds, clientSecurityGroupIds }",
    );
    checkNetwork(p, "primaryNetwork", args.primaryNetwork);
    if (args.secondaryRegion !== undefined) {
        checkReplicaRegion(p, "secondaryRegion", args.secondaryRegion, args.region ?? homeRegion);
        p.require(
            args.secondaryNetwork !== undefined,
            "secondaryNetwork",
            undefined,
            `the secondary cluster's network in ${args.secondaryRegion}`,
        );
        checkNetwork(p, "secondaryNetwork", args.secondaryNetwork);
    } else {
        p.require(args.secondaryNetwork === undefined, "secondaryNetwork", "set", "unset without a secondaryRegion");
        p.require(
            !args.secondaryInstances,
            "secondaryInstances",
            args.secondaryInstances,
            "0 without a secondaryRegion",
        );
        p.require(!args.writeForwarding, "writeForwarding", true, "false without a secondaryRegion");
    }
    if (args.rpoBoundSeconds !== undefined) {
        p.require(
            engine === "aurora-postgresql",
            "rpoBoundSeconds",
            args.rpoBoundSeconds,
            "unset for aurora-mysql: rds.global_db_rpo is an Aurora PostgreSQL parameter",
        );
        p.integerIn("rpoBoundSeconds", args.rpoBoundSeconds, GLOBAL_DB_RPO_RANGE.min, GLOBAL_DB_RPO_RANGE.max);
    }
    const version =
        args.engineVersion ??
        globalDatabaseDefaults.engineVersions[engine as keyof typeof globalDatabaseDefaults.engineVersions];
    if (args.writeForwarding && typeof version === "string" && !supportsWriteForwarding(engine, version)) {
        p.add(
            "writeForwarding",
            true,
            `false for aurora-postgresql ${version}: global write forwarding needs 14.9+, 15.4+ or 16+`,
        );
    }
    return [...p.list];
}
