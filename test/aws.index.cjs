/**
 * `@pulumi/aws`'s index.d.ts re-exports its ~240 services, so a TypeScript program that reads it parses
 * them all: most of the time of a program over this repository. The programs that test/static.mjs (for
 * the type-aware lint rules) and test/docs.examples.test.ts build read the index with only the services
 * their code names, `aws.<service>`; a service module's own imports of other services are relative,
 * so they still resolve.
 */
"use strict";

/** Where a program's host meets the index, whatever the path to node_modules. */
const AWS_INDEX_SUFFIX = ["node_modules", "@pulumi", "aws", "index.d.ts"].join(require("path").sep);

/** The services `texts` name as `aws.<service>` (comments may add some: harmless), and `types`. */
function awsServicesNamed(texts) {
    const services = new Set(["types"]);
    for (const text of texts) for (const m of text.matchAll(/\baws\.([a-z0-9]+)\b/g)) services.add(m[1]);
    return services;
}

/**
 * What in `text` uses @pulumi/aws in a way `awsServicesNamed` cannot see: an import of the index other
 * than `import * as aws`, or `aws[...]`. A program that judges nothing by its diagnostics must refuse
 * these, or a service left out would turn its types into `any` unseen.
 */
function hiddenAwsUses(text) {
    const imports = [...text.matchAll(/import[^;]*?from\s+"@pulumi\/aws"/g)].map((m) => m[0]);
    return [
        ...imports.filter((statement) => !/^import (type )?\* as aws from "@pulumi\/aws"$/.test(statement)),
        ...[...text.matchAll(/(?<![\w$:.-])aws\s*\[/g)].map((m) => m[0]),
    ];
}

/** The index's text with only `services` (the package's own functions, getCallerIdentity..., all stay). */
function awsIndexOf(index, services) {
    return index
        .split("\n")
        .filter((line) => {
            const service = /^import \* as (\w+) from/.exec(line)?.[1];
            return service === undefined || services.has(service);
        })
        .map((line) => {
            if (!/^export \{ [a-z0-9, ]+ \};$/.test(line.trim())) return line;
            const kept = line
                .replace(/^export \{|\};$/g, "")
                .split(",")
                .map((n) => n.trim())
                .filter((n) => services.has(n));
            return `export { ${kept.join(", ")} };`;
        })
        .join("\n");
}

module.exports = { AWS_INDEX_SUFFIX, awsIndexOf, awsServicesNamed, hiddenAwsUses };
