/**
 * The plugin's entry point (PulumiPlugin.yaml `main`): Pulumi's Node.js language host runs it when a program in
 * any language uses the package, and it serves the components over Pulumi's provider protocol.
 */
import { main } from "@pulumi/pulumi/provider";
import { version } from "../package.json";
import { ComponentPackageProvider } from "./provider";

main(new ComponentPackageProvider(version), process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
});
