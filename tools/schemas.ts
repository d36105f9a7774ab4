/**
 * `npm run schemas`: writes schemas/stack-config.schema.json, the JSON Schema of a stack file
 * (stacks/Pulumi.<stack>.yaml) generated from the zod schema the config loader checks it with, so an
 * editor flags a misspelled key or a bad value as it is typed (the stack files name it on their first
 * line; .vscode/settings.json maps it too). test/schemas.test.ts fails when the file is not current.
 */
import * as fs from "fs";
import * as path from "path";
import { z } from "zod";
import { supportedRegions } from "../components/internal";
import { NAMESPACE, secretSections, stackConfigSchema } from "../config/schema";

export const STACK_CONFIG_SCHEMA_FILE = path.join(__dirname, "..", "schemas", "stack-config.schema.json");

type JsonSchema = Record<string, unknown>;

/** A `secure:` value, as `pulumi config set --secret` writes it. */
const SECURE_VALUE: JsonSchema = {
    type: "object",
    properties: { secure: { type: "string" } },
    required: ["secure"],
    additionalProperties: false,
    description: "An encrypted value: set it with `pulumi config set --secret`.",
};

/**
 * The stack file's schema: each `pulumi-aws-dr:<section>` key holds that section of the zod schema
 * (secret sections only as `secure:` values), `aws:region` a supported region; keys of other
 * namespaces pass, and a key of this namespace that names no section is refused, as the loader does.
 */
export function stackConfigJsonSchema(): JsonSchema {
    const sections = stackConfigSchema.shape;
    const keyOf = (section: string) => `${NAMESPACE}:${section}`;
    const properties: Record<string, JsonSchema> = { "aws:region": { type: "string", enum: [...supportedRegions] } };
    for (const [section, schema] of Object.entries(sections)) {
        const generated = z.toJSONSchema(schema as z.ZodType, {
            target: "draft-7",
            io: "input",
            unrepresentable: "any",
        });
        delete generated.$schema;
        properties[keyOf(section)] = secretSections.includes(section) ? SECURE_VALUE : generated;
    }
    const required = Object.entries(sections)
        .filter(([, schema]) => !(schema as z.ZodType).safeParse(undefined).success)
        .map(([section]) => keyOf(section));
    return {
        $schema: "http://json-schema.org/draft-07/schema#",
        title: "pulumi-aws-dr stack file",
        description:
            "stacks/Pulumi.<stack>.yaml; generated from config/schema.ts by `npm run schemas`. See docs/stack-config.md.",
        type: "object",
        properties: {
            config: {
                type: "object",
                properties,
                required,
                propertyNames: {
                    anyOf: [{ not: { pattern: `^${NAMESPACE}:` } }, { enum: Object.keys(sections).map(keyOf) }],
                },
            },
            secretsprovider: { type: "string" },
            encryptedkey: { type: "string" },
            encryptionsalt: { type: "string" },
            environment: {},
        },
        required: ["config"],
        additionalProperties: false,
    };
}

export const stackConfigSchemaText = (): string => `${JSON.stringify(stackConfigJsonSchema(), null, 2)}\n`;

if (require.main === module) {
    fs.mkdirSync(path.dirname(STACK_CONFIG_SCHEMA_FILE), { recursive: true });
    fs.writeFileSync(STACK_CONFIG_SCHEMA_FILE, stackConfigSchemaText());
    console.log(`Wrote ${path.relative(process.cwd(), STACK_CONFIG_SCHEMA_FILE)}`);
}
