import Ajv from "ajv";
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { STACK_CONFIG_SCHEMA_FILE, stackConfigSchemaText } from "../tools/schemas";

/** The published JSON Schemas: the stack file's, generated from the zod schema, and the plan file's. */

const ROOT = path.join(__dirname, "..");
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, file), "utf8"));
const stackFiles = fs.readdirSync(path.join(ROOT, "stacks")).filter((f) => /^Pulumi\..+\.yaml$/.test(f));
const validateStackFile = new Ajv({ allErrors: true }).compile(readJson("schemas/stack-config.schema.json"));

/** The ajv errors of a stack file, as `<data path> <message>`. */
function stackFileErrors(file: string): string[] {
    const valid = validateStackFile(parse(fs.readFileSync(file, "utf8")));
    return valid ? [] : (validateStackFile.errors ?? []).map((e) => `${e.dataPath} ${e.message}`);
}

describe("stack file schema", () => {
    it("is current: npm run schemas writes what is committed", () => {
        expect(fs.readFileSync(STACK_CONFIG_SCHEMA_FILE, "utf8")).toBe(stackConfigSchemaText());
    });

    it("has three shipped stacks to check", () => {
        expect(stackFiles).toEqual(["Pulumi.dev.yaml", "Pulumi.prod.yaml", "Pulumi.staging.yaml"]);
    });

    it.each(stackFiles)("accepts %s, which names the schema for editors on its first line", (file) => {
        const text = fs.readFileSync(path.join(ROOT, "stacks", file), "utf8");
        expect(text.split("\n")[0]).toBe("# yaml-language-server: $schema=../schemas/stack-config.schema.json");
        expect(stackFileErrors(path.join(ROOT, "stacks", file))).toEqual([]);
    });

    it.each([
        ["misspelled-section.yaml", "should match some schema in anyOf"],
        ["misspelled-nested-key.yaml", "should NOT have additional properties"],
        ["bad-strategy.yaml", "should be equal to one of the allowed values"],
        ["missing-rto.yaml", "should have required property 'rto'"],
        ["one-az.yaml", "should be >= 2"],
        ["unknown-region.yaml", "should be equal to one of the allowed values"],
    ])("refuses %s as the loader does", (file, message) => {
        expect(stackFileErrors(path.join(ROOT, "test", "fixtures", "config", file))).toContainEqual(
            expect.stringContaining(message),
        );
    });

    it("is mapped to the stack files for VS Code", () => {
        expect(readJson(".vscode/settings.json")["yaml.schemas"]).toEqual({
            "./schemas/stack-config.schema.json": "stacks/Pulumi.*.yaml",
        });
    });
});

describe("plan file schema", () => {
    const validatePlan = new Ajv({ allErrors: true }).compile(readJson("schemas/plan.schema.json"));
    const plan = {
        schemaVersion: 1,
        stack: "dev",
        resources: [
            {
                type: "pulumi-aws-dr:network:MultiAzNetwork",
                name: "primary",
                urn: "urn:pulumi:dev::pulumi-aws-dr::pulumi-aws-dr:network:MultiAzNetwork::primary",
                parent: null,
                region: null,
                inputs: {},
                options: { protect: false, retainOnDelete: false, aliases: [] },
            },
        ],
        outputs: {},
        dr: {
            strategy: "backup-restore",
            objectives: { rtoSeconds: 3600, rpoSeconds: 86400 },
            achieved: { rtoSeconds: 60, rpoSeconds: null },
            findings: [],
            met: true,
        },
        policy: [],
    };

    it("accepts a plan of the current shape", () => {
        expect(validatePlan(plan), JSON.stringify(validatePlan.errors)).toBe(true);
    });

    it.each([
        ["without schemaVersion", { ...plan, schemaVersion: undefined }],
        ["of another schemaVersion", { ...plan, schemaVersion: 2 }],
        ["with an unknown top-level field", { ...plan, extra: true }],
        ["with a resource missing its options", { ...plan, resources: [{ ...plan.resources[0], options: undefined }] }],
        [
            "with a policy violation of an unknown level",
            { ...plan, policy: [{ id: "ELB.1", level: "fatal", urn: "urn:x", message: "m" }] },
        ],
    ])("refuses a plan %s", (_, bad) => {
        expect(validatePlan(JSON.parse(JSON.stringify(bad)))).toBe(false);
    });
});
