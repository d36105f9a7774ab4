import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

/**
 * The import boundary of eslint.config.mjs, run on code that crosses it and code that keeps to it. The
 * snippets are not files of the TypeScript project, so the type-aware rules (Pulumi's) are left out here.
 */
const eslint = new ESLint({
    cwd: `${__dirname}/..`,
    overrideConfig: {
        languageOptions: { parserOptions: { projectService: false } },
        rules: {
            "@pulumi/no-output-in-template-literal": "off",
            "@pulumi/no-output-instance-in-template-literal": "off",
        },
    },
});

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath });
    return result.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("the library boundary", () => {
    it.each([
        ["config/example.ts", 'import { validateAlbArgs } from "../components/alb/validate";'],
        ["dr/example.ts", 'import { backupLimits } from "../components/backup/validate";'],
        ["tools/engine/example.ts", 'import { regions } from "../../components/shared/regions";'],
        ["index.ts", 'import { statefulOptions } from "./components/shared/tags";'],
        ["test/example.test.ts", 'export { parseCidr } from "../components/network/cidr";'],
    ])("refuses a deep import into components/ from %s", async (file, code) => {
        expect(await restrictedImports(file, code)).toEqual([expect.stringContaining("public API")]);
    });

    it.each([
        ["components/alb/example.ts", 'import { drReport } from "../../dr";'],
        ["components/zone/example.ts", 'import { loadStackConfig } from "../../config/load";'],
        ["components/example.ts", 'import { planCommand } from "../tools/planCommand";'],
    ])("refuses an import out of components/ from %s", async (file, code) => {
        expect(await restrictedImports(file, code)).toEqual([expect.stringContaining("published library")]);
    });

    it.each([
        ["config/example.ts", 'import { MultiAzAlb } from "../components";'],
        ["config/example.ts", 'import { validateAlbArgs } from "../components/internal";'],
        ["tools/example.ts", 'import { FailoverDns } from "../components/dns";'],
        [
            "components/dns/example.ts",
            'import { DnsValidatedCertificate } from "../certificate/dnsValidatedCertificate";',
        ],
        ["components/example.ts", 'import { Problems } from "./shared/validation";'],
    ])("lets %s import %s", async (file, code) => {
        expect(await restrictedImports(file, code)).toEqual([]);
    });
});
