import { isSupportedRegion, supportedRegions } from "./regions";
import { Problems } from "./validation";

/**
 * Checks one replica region of a data store: a region this library supports, other than the
 * store's own region (a replica there protects nothing against the region's loss).
 */
export function checkReplicaRegion(p: Problems, path: string, region: unknown, homeRegion: string | undefined): void {
    if (!isSupportedRegion(region)) p.add(path, region, `a supported region (${supportedRegions.join(", ")})`);
    else if (region === homeRegion)
        p.add(path, region, `a region other than the store's own (${homeRegion}): a replica there is lost with it`);
}

/** Checks a list of replica regions: each as `checkReplicaRegion`, none twice. */
export function checkReplicaRegions(
    p: Problems,
    path: string,
    replicaRegions: unknown,
    homeRegion: string | undefined,
): void {
    if (replicaRegions === undefined) return;
    if (!Array.isArray(replicaRegions)) {
        p.add(path, replicaRegions, "a list of regions");
        return;
    }
    replicaRegions.forEach((region, i) => {
        if (replicaRegions.indexOf(region) !== i) p.add(`${path}.${i}`, region, "a region listed once");
        else checkReplicaRegion(p, `${path}.${i}`, region, homeRegion);
    });
}
