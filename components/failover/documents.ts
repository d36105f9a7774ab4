/**
 * What the failover automation runs: the probe's script and the SSM Automation documents' steps. Each step
 * is one AWS API call (`aws:executeAwsApi`) or a wait for one (`aws:waitForAwsResourceProperty`)
 * (https://docs.aws.amazon.com/systems-manager/latest/userguide/automation-actions.html), so a person can read
 * the document as the runbook's steps and run the same calls by hand.
 */
import * as pulumi from "@pulumi/pulumi";
import { PromotedDatabase, RaisedFleet } from "./args";

/** A step name: letters, digits and underscores (Automation's rule for step names). */
const stepName = (text: string) => text.replace(/[^A-Za-z0-9_]/g, "_");

/**
 * The probe: one HTTPS request to `PROBE_URL`; a status from 200 to 399 passes, anything else, an error or no
 * answer within `timeoutSeconds` fails the run. Like Route 53's checks it does not validate the certificate
 * (it requests the ALB's own name, which the certificate does not carry,
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-determining-health-of-endpoints.html).
 */
export function probeScript(timeoutSeconds: number): string {
    return `const https = require("https");
const http = require("http");

exports.handler = async () => {
    const url = new URL(process.env.PROBE_URL);
    const client = url.protocol === "https:" ? https : http;
    const status = await new Promise((resolve, reject) => {
        const request = client.get(url, { rejectUnauthorized: false, timeout: ${timeoutSeconds * 1000} }, (response) => {
            response.resume();
            resolve(response.statusCode);
        });
        request.on("timeout", () => request.destroy(new Error("no answer within ${timeoutSeconds} s")));
        request.on("error", reject);
    });
    if (status < 200 || status >= 400) throw new Error(\`\${url.href} answered \${status}\`);
    return status;
};
`;
}

/**
 * The raise: each fleet's minimum becomes its full size. UpdateAutoScalingGroup with a MinSize above the
 * current size sets the desired capacity to it, and never lowers a fleet already larger
 * (https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_UpdateAutoScalingGroup.html).
 */
export function raiseSteps(fleets: readonly RaisedFleet[]): Record<string, unknown>[] {
    return fleets.map((f) => ({
        name: stepName(`raise_${f.key}`),
        action: "aws:executeAwsApi",
        inputs: {
            Service: "autoscaling",
            Api: "UpdateAutoScalingGroup",
            AutoScalingGroupName: f.autoScalingGroupName,
            MinSize: f.fullSize,
        },
    }));
}

/**
 * The promotion: for a headless secondary, an instance first (a cluster without one cannot be promoted), then
 * FailoverGlobalCluster with AllowDataLoss, the call AWS documents for "an unplanned event, such as a Regional
 * disaster in the primary Region" (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_FailoverGlobalCluster.html),
 * then a wait until the global cluster is available again.
 */
export function promotionSteps(databases: readonly PromotedDatabase[]): Record<string, unknown>[] {
    return databases.flatMap(databaseSteps);
}

function databaseSteps(database: PromotedDatabase): Record<string, unknown>[] {
    const step = (what: string) => stepName(`${what}_${database.key}`);
    const instanceId = pulumi.interpolate`${database.secondaryClusterId}-failover`;
    const headless = database.headless
        ? [
              {
                  name: step("add_instance"),
                  action: "aws:executeAwsApi",
                  inputs: {
                      Service: "rds",
                      Api: "CreateDBInstance",
                      DBClusterIdentifier: database.secondaryClusterId,
                      DBInstanceIdentifier: instanceId,
                      DBInstanceClass: database.headless.instanceClass,
                      Engine: database.headless.engine,
                  },
              },
              {
                  name: step("wait_for_instance"),
                  action: "aws:waitForAwsResourceProperty",
                  timeoutSeconds: 3600,
                  inputs: {
                      Service: "rds",
                      Api: "DescribeDBInstances",
                      DBInstanceIdentifier: instanceId,
                      PropertySelector: "$.DBInstances[0].DBInstanceStatus",
                      DesiredValues: ["available"],
                  },
              },
          ]
        : [];
    return [
        ...headless,
        {
            name: step("fail_over"),
            action: "aws:executeAwsApi",
            inputs: {
                Service: "rds",
                Api: "FailoverGlobalCluster",
                GlobalClusterIdentifier: database.globalClusterId,
                TargetDbClusterIdentifier: database.secondaryClusterArn,
                AllowDataLoss: true,
            },
        },
        {
            name: step("wait_for_promotion"),
            action: "aws:waitForAwsResourceProperty",
            timeoutSeconds: 3600,
            inputs: {
                Service: "rds",
                Api: "DescribeGlobalClusters",
                GlobalClusterIdentifier: database.globalClusterId,
                PropertySelector: "$.GlobalClusters[0].Status",
                DesiredValues: ["available"],
            },
        },
    ];
}
