/**
 * What a first real `pulumi up` would meet (issue "Ready for a real pulumi up"): each case here failed
 * on AWS, or misbehaved after the deploy, before its fix; the engine now refuses the same class of mistake.
 */
import * as aws from "@pulumi/aws";
import { describe, expect, it } from "vitest";
import { BackupPlan, BackupPlanArgs } from "../components/backup";
import { one, policyOf, run, runExpectingError } from "./harness";

const ACCOUNT = "123456789012";
const DEPLOYER = `arn:aws:iam::${ACCOUNT}:role/pulumi-deploy`;

const daily: BackupPlanArgs = {
    rules: { daily: { schedule: "cron(0 5 ? * * *)", lifecycle: { deleteAfterDays: 7 } } },
    selections: { tagged: { selectionTags: { backup: "true" } } },
};

describe("item 6: the next update of the vault policy", () => {
    it("is refused by the engine when the policy denies it to the deployer, as AWS refuses the update", async () => {
        const { error } = await runExpectingError(() => {
            new aws.backup.VaultPolicy("locked-out", {
                backupVaultName: "v",
                policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Principal: { AWS: "*" }, Action: ["backup:PutBackupVaultAccessPolicy"], Resource: "*" }] }),
            });
        });
        expect(error.message).toMatch(/denies backup:PutBackupVaultAccessPolicy to the deploying role.*AccessDeniedException/);
    });

    it("stays possible for the deployer: BackupPlan exempts the deploying role from the policy deny only", async () => {
        const record = await run(() => {
            new BackupPlan("bk", daily);
        });
        const [deletion, update] = policyOf(one(record, "aws:backup/vaultPolicy:VaultPolicy")).Statement;
        expect(deletion.Condition).toBeUndefined();
        expect(update.Action).toEqual(["backup:PutBackupVaultAccessPolicy"]);
        expect(update.Condition).toEqual({ ArnNotLike: { "aws:PrincipalArn": [DEPLOYER] } });
    });

    it("takes the deployers from args, and still refuses a list that leaves the deploying role out", async () => {
        const ci = `arn:aws:iam::${ACCOUNT}:role/github-*`;
        const record = await run(() => {
            new BackupPlan("bk", { ...daily, vault: { deployerPrincipalArns: [ci, DEPLOYER] } });
        });
        expect(policyOf(one(record, "aws:backup/vaultPolicy:VaultPolicy")).Statement[1].Condition).toEqual({ ArnNotLike: { "aws:PrincipalArn": [ci, DEPLOYER] } });
        const { error } = await runExpectingError(() => {
            new BackupPlan("bk", { ...daily, vault: { deployerPrincipalArns: [ci] } });
        });
        expect(error.message).toContain("AccessDeniedException");
    });
});
