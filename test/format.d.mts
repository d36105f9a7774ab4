/** The types of test/format.mjs's export, for the tests that import it. */
export function formatKey(root: string, file: string, options: object | null, text: string): string;
