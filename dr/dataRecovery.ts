/**
 * The RTO's data recovery term: the time to get stateful data back in the recovery region. Where
 * the only copy of a resource type there is an AWS Backup recovery point, the stack must restore it,
 * whatever its strategy: a warm standby whose database is restored from a snapshot is not recovered
 * in minutes. A store replicated to the recovery region (`DrModelInput.replicatedStores`) replaces
 * the restore of its type with its promotion time. The slowest type counts.
 */
import { formatSeconds } from "./format";
import { drAssumptions } from "./assumptions";
import { BackedUpType, DrCandidate, DrModelInput, ReplicatedStore } from "./model";
import { ARCHIVE_TIER_RESOURCE_TYPES, COLD_STORAGE_RESOURCE_TYPES } from "./resourceTypes";
import { calendarTerms } from "./rpoTerms";
import { durationText, fieldLever, LEAST_DURATION, onePerField, slowestFirst, Term } from "./levers";

/** How one resource type's data comes back in the recovery region. */
interface TypeRecovery {
    readonly resourceType: string;
    readonly seconds: number;
    readonly path: string;
    readonly source: string;
    /** The restore time as declared or defaulted, before any cold-storage time. */
    readonly restore?: BackedUpType;
    readonly replicated?: ReplicatedStore;
    readonly cold: boolean;
}

/** The region the data is restored in: the surviving one, or the primary itself for a single-region stack. */
const recoveryRegion = (input: DrModelInput) => input.survivingRegions[0] ?? input.rules[0]?.region;

/** Whether the newest recovery point of `type` in the recovery region can be in cold storage at some instant. */
function restoresFromCold(input: DrModelInput, type: string, coldFrom: number | undefined): boolean {
    if (coldFrom === undefined) return false;
    if (COLD_STORAGE_RESOURCE_TYPES.includes(type)) return true;
    return ARCHIVE_TIER_RESOURCE_TYPES.includes(type) && input.rules.some((r) => r.rpo.parts.archivesEbs);
}

function typeRecoveries(input: DrModelInput): TypeRecovery[] {
    const region = recoveryRegion(input);
    const copied =
        region !== undefined &&
        input.rules.length > 0 &&
        (input.survivingRegions.length === 0 || input.rules.some((r) => r.rpo.parts.copyRegions.includes(region)));
    const coldFrom = copied
        ? calendarTerms(input, region, input.survivingRegions.length > 0).worst.coldFrom
        : undefined;
    const cold = input.coldStorageRestoreSeconds;
    return input.backedUp.types.map((t): TypeRecovery => {
        const replicated = input.replicatedStores?.find((s) => s.resourceType === t.resourceType);
        if (replicated) {
            return {
                resourceType: t.resourceType,
                seconds: replicated.promotionSeconds.value,
                path: replicated.promotionSeconds.path,
                source: `${replicated.mechanism}: promotion (${replicated.source})`,
                replicated,
                cold: false,
            };
        }
        const fromCold = restoresFromCold(input, t.resourceType, coldFrom);
        const restore = t.declared
            ? "declared"
            : `default ${durationText(drAssumptions.restoreSeconds)}: AWS publishes no bound`;
        const coldText = fromCold
            ? ` + cold storage ${formatSeconds(cold.value)} (${cold.declared ? "declared" : "default: AWS publishes no bound"})`
            : "";
        return {
            resourceType: t.resourceType,
            seconds: t.restoreSeconds.value + (fromCold ? cold.value : 0),
            path: t.restoreSeconds.path,
            source: `${restore}${coldText}`,
            restore: t,
            cold: fromCold,
        };
    });
}

/** Whether some backed-up type comes back only by an AWS Backup restore, which a person starts. */
export function restoresFromBackup(input: DrModelInput): boolean {
    return dataRecoveryTerms(input).length > 0 && typeRecoveries(input).some((t) => !t.replicated && t.seconds > 0);
}

/**
 * The data recovery term, or none when no stateful type needs it. backup-restore always restores
 * (and rebuilds the stack); any other strategy restores the types whose only copy in the recovery
 * region is an AWS Backup recovery point, which is every backed-up type a replicated store does not
 * cover. When the newest recovery point there can be in cold storage, a type that goes cold adds
 * the cold-storage restore time (an assumption, `dr.assumptions.coldStorageRestore`).
 */
export function dataRecoveryTerms(input: DrModelInput): Term[] {
    if (input.backedUp.types.length === 0) return [];
    if (input.strategy !== "backup-restore" && input.survivingRegions.length === 0) return [];
    const recoveries = typeRecoveries(input);
    const types = slowestFirst(recoveries, (t) => t.seconds);
    const slowest = types[0];
    const rebuild =
        input.strategy === "backup-restore"
            ? "rebuild the stack, restore the data"
            : `restore the data from AWS Backup copies in ${recoveryRegion(input)}`;
    const name = slowest.replicated
        ? `data recovery (promote ${slowest.replicated.mechanism})`
        : `restore (${rebuild})`;
    const candidates: DrCandidate[] = recoveries.map((t) => ({
        name: t.resourceType,
        seconds: t.seconds,
        path: t.path,
        source: t.source,
    }));
    return [
        {
            part: {
                objective: "rto",
                name,
                seconds: slowest.seconds,
                expectedSeconds: slowest.seconds,
                source: `declared assumption per resource type, the slowest of those backed up (${input.backedUp.basis})`,
                assumption: slowest.replicated ? slowest.replicated.assumption : true,
                path: slowest.path,
                slowestOf: candidates,
            },
            levers: onePerField(
                types.map((t) =>
                    fieldLever(
                        t.path,
                        t.replicated ? t.seconds : t.restore!.restoreSeconds.value,
                        1,
                        LEAST_DURATION,
                        "restore tests show it (AWS Backup's RESTORE_TIME_FOR_RESOURCES_MEET_TARGET control can audit it)",
                        t.seconds,
                    ),
                ),
            ),
        },
    ];
}
