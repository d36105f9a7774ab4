import { InputProblem } from "../shared/errors";
import { checkReplicaRegions } from "../shared/replicas";
import { Problems } from "../shared/validation";
import { GlobalTableArgs, MRSC_REGION_SETS } from "./args";

const ATTRIBUTE_NAME = /^[\w.-]{1,255}$/;

function checkKey(
    p: Problems,
    path: string,
    key: GlobalTableArgs["partitionKey"] | undefined,
    required: boolean,
): void {
    if (key === undefined) {
        if (required) p.add(path, undefined, "a key { name, type }");
        return;
    }
    p.require(
        typeof key.name === "string" && ATTRIBUTE_NAME.test(key.name),
        `${path}.name`,
        key.name,
        "an attribute name of 1..255 letters, digits, _, - and .",
    );
    p.oneOf(`${path}.type`, key.type ?? "unset", ["S", "N", "B"]);
}

/** The MRSC rules: three regions in one region set, as three replicas or two and a witness. */
function checkStrongConsistency(p: Problems, args: GlobalTableArgs, home: string | undefined): void {
    const replicas = args.replicaRegions ?? [];
    const witness = args.witnessRegion;
    const regions = [home, ...replicas, ...(witness ? [witness] : [])];
    if (regions.length !== 3) {
        p.add(
            "replicaRegions",
            replicas,
            `for consistency "strong", two regions, or one and a witnessRegion: AWS requires exactly three (the table's ${home} included)`,
        );
        return;
    }
    const set = MRSC_REGION_SETS.find((s) => s.includes(home as string));
    if (!set) {
        p.add(
            "region",
            home,
            `for consistency "strong", a region of an MRSC region set (${MRSC_REGION_SETS.map((s) => s.join(", ")).join("; ")})`,
        );
        return;
    }
    replicas.forEach((r, i) =>
        p.require(
            set.includes(r),
            `replicaRegions.${i}`,
            r,
            `for consistency "strong", a region of ${home}'s region set (${set.join(", ")})`,
        ),
    );
    if (witness !== undefined) {
        p.require(
            set.includes(witness) && witness !== home && !replicas.includes(witness),
            "witnessRegion",
            witness,
            `a region of ${home}'s region set (${set.join(", ")}) that holds no replica`,
        );
    }
}

/** Every problem with a GlobalTable's arguments; `homeRegion` is `args.region` or the stack's. */
export function validateGlobalTableArgs(args: GlobalTableArgs, homeRegion: string | undefined): InputProblem[] {
    const p = new Problems();
    const home = args.region ?? homeRegion;
    checkKey(p, "partitionKey", args.partitionKey, true);
    checkKey(p, "sortKey", args.sortKey, false);
    if (args.sortKey?.name !== undefined && args.sortKey.name === args.partitionKey?.name)
        p.add("sortKey.name", args.sortKey.name, "a name other than the partition key's");
    checkReplicaRegions(p, "replicaRegions", args.replicaRegions, home);
    p.oneOf("consistency", args.consistency, ["eventual", "strong"]);
    if (args.consistency === "strong") checkStrongConsistency(p, args, home);
    else
        p.require(
            args.witnessRegion === undefined,
            "witnessRegion",
            args.witnessRegion,
            'unset unless consistency is "strong"',
        );
    p.oneOf("billingMode", args.billingMode, ["PAY_PER_REQUEST", "PROVISIONED"]);
    if (args.billingMode === "PROVISIONED") {
        p.require(args.capacity !== undefined, "capacity", undefined, "{ read, write } for PROVISIONED billing");
        p.integerIn("capacity.read", args.capacity?.read, 1, 40000);
        p.integerIn("capacity.write", args.capacity?.write, 1, 40000);
    } else {
        p.require(args.capacity === undefined, "capacity", args.capacity, "unset for on-demand billing");
    }
    return [...p.list];
}
