import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { PROJECT_DIR } from "../tools/engine";
import { awsIndexOf, awsServicesNamed, hiddenAwsUses } from "./aws.index.cjs";

const INDEX = fs.readFileSync(path.join(PROJECT_DIR, "node_modules", "@pulumi", "aws", "index.d.ts"), "utf8");

describe("@pulumi/aws's index, trimmed to the services a program names (test/aws.index.cjs)", () => {
    it("finds services in values and in types, and always keeps `types`", () => {
        const named = awsServicesNamed([
            "new aws.lb.LoadBalancer(name, {});",
            "function f(key: aws.kms.Key): aws.types.input.lb.ListenerDefaultAction[] {}",
        ]);
        expect([...named].sort()).toEqual(["kms", "lb", "types"]);
    });

    it("keeps the named services' imports and exports, and the package's own functions", () => {
        const trimmed = awsIndexOf(INDEX, new Set(["types", "lb"]));
        expect(trimmed).toMatch(/^import \* as lb from "\.\/lb";$/m);
        expect(trimmed).not.toMatch(/^import \* as ec2 from/m);
        expect(trimmed).toMatch(/^export \{[^}]*\blb\b[^}]*\};$/m);
        expect(trimmed).not.toMatch(/^export \{[^}]*\bec2\b[^}]*\};$/m);
        expect(trimmed).toContain("getCallerIdentity");
        expect(trimmed.length).toBeLessThan(INDEX.length / 2);
    });

    it("names every use the scan cannot see, and takes ARNs in regular expressions for what they are", () => {
        expect(hiddenAwsUses('import * as aws from "@pulumi/aws";\nimport type * as aws from "@pulumi/aws";')).toEqual(
            [],
        );
        expect(hiddenAwsUses('const arn = /^arn:aws[a-z-]*:sns:/;\nconst tag = "aws:cloudformation";')).toEqual([]);
        expect(
            hiddenAwsUses(
                'import { lb } from "@pulumi/aws";\nimport * as amazon from "@pulumi/aws";\nconst s = aws["ec2"];',
            ),
        ).toEqual(['import { lb } from "@pulumi/aws"', 'import * as amazon from "@pulumi/aws"', "aws["]);
    });
});
