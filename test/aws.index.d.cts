/** The types of test/aws.index.cjs, for the TypeScript that imports it. */
export declare const AWS_INDEX_SUFFIX: string;
export declare function awsServicesNamed(texts: Iterable<string>): Set<string>;
export declare function hiddenAwsUses(text: string): string[];
export declare function awsIndexOf(index: string, services: ReadonlySet<string>): string;
