/** AWS Security Hub controls (AWS Foundational Security Best Practices) as the rules' metadata. */
import { PolicyRule, PolicySeverity } from "../types";

/**
 * The id, framework, severity and page of a Security Hub FSBP control. `severity` and `title` are as
 * the control's page gives them: https://docs.aws.amazon.com/securityhub/latest/userguide/<service>-controls.html
 */
export function securityHubControl(
    id: string,
    title: string,
    severity: PolicySeverity,
): Pick<PolicyRule, "id" | "framework" | "severity" | "url"> {
    const [service, number] = id.split(".");
    return {
        id,
        framework: {
            name: "AWS Foundational Security Best Practices",
            version: "1.0.0",
            reference: id,
            specification: title,
        },
        severity,
        url: `https://docs.aws.amazon.com/securityhub/latest/userguide/${service.toLowerCase()}-controls.html#${service.toLowerCase()}-${number}`,
    };
}
