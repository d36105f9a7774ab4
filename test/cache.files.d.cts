/** The types of test/cache.files.cjs, for the TypeScript that imports it. */
export declare const USER_CACHE_DIR: string;
export declare function writeJsonAtomically(file: string, value: unknown): void;
