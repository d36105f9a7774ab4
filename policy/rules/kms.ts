/** AWS KMS: key rotation. */
import { isKnown } from "../match";
import { PolicyRule, UNKNOWN } from "../types";
import { KEY, show } from "./resources";
import { securityHubControl } from "./securityHub";

export const kms4: PolicyRule = {
    ...securityHubControl("KMS.4", "AWS KMS key rotation should be enabled", "medium"),
    tags: ["kms", "key-rotation"],
    description: "Customer managed symmetric KMS keys rotate their key material.",
    level: "mandatory",
    remediation: "Set enableKeyRotation: true on the key.",
    resourceTypes: [KEY],
    scope: "resource",
    // AWS can only rotate symmetric encryption keys with AWS-generated material.
    check: ({ inputs }) => {
        const spec = inputs.customerMasterKeySpec ?? inputs.keySpec ?? "SYMMETRIC_DEFAULT";
        const rotatable =
            spec === "SYMMETRIC_DEFAULT" &&
            (inputs.keyUsage ?? "ENCRYPT_DECRYPT") === "ENCRYPT_DECRYPT" &&
            !isKnown(inputs.customKeyStoreId);
        return rotatable && inputs.enableKeyRotation !== true && inputs.enableKeyRotation !== UNKNOWN
            ? `enableKeyRotation must be true, got ${show(inputs.enableKeyRotation)}`
            : undefined;
    },
};
