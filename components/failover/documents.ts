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
 * The canary's script. Each run does two independent things:
 *
 * - the DNS witness (with `RECORD_NAME`): resolves the failover record and the standby ALB's name through the
 *   recovery region's resolver and publishes `RoutedToStandby` = 1 when the record has addresses and every one is
 *   the standby's, else 0. Route 53 answers with the secondary only while the primary's health check is unhealthy
 *   (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-types.html). A lookup that fails
 *   publishes nothing (the alarm treats a missing point as not breaching), and an ALB's addresses changing between
 *   the two lookups reads as 0: every doubt delays the promotion, none starts it;
 * - the probe (with `PROBE_URL`): one HTTPS request; a status from 200 to 399 passes, anything else, an error or
 *   no answer within `timeoutSeconds` fails the run. Like Route 53's checks it does not validate the certificate
 *   (it requests the ALB's own name, which the certificate does not carry,
 *   https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-determining-health-of-endpoints.html).
 *   Only the probe decides the run's success (the probe alarm's `SuccessPercent`); without one, a failed lookup does.
 */
export function canaryScript(timeoutSeconds: number): string {
    return `const https = require("https");
const http = require("http");
const { Resolver } = require("dns").promises;
const { CloudWatchClient, PutMetricDataCommand } = require("@aws-sdk/client-cloudwatch");

const TIMEOUT_MS = ${timeoutSeconds * 1000};

async function addresses(resolver, name) {
    const none = (error) => {
        if (error.code === "ENODATA" || error.code === "ENOTFOUND") return [];
        throw error;
    };
    const [v4, v6] = await Promise.all([resolver.resolve4(name).catch(none), resolver.resolve6(name).catch(none)]);
    return [...v4, ...v6];
}

async function witnessDns() {
    const resolver = new Resolver({ timeout: TIMEOUT_MS, tries: 1 });
    const [record, standby] = await Promise.all([
        addresses(resolver, process.env.RECORD_NAME),
        addresses(resolver, process.env.STANDBY_NAME),
    ]);
    const routed = record.length > 0 && record.every((address) => standby.includes(address)) ? 1 : 0;
    await new CloudWatchClient({}).send(
        new PutMetricDataCommand({
            Namespace: process.env.METRIC_NAMESPACE,
            MetricData: [
                {
                    MetricName: process.env.METRIC_NAME,
                    Dimensions: [{ Name: "RecordName", Value: process.env.RECORD_NAME }],
                    Value: routed,
                    Unit: "Count",
                },
            ],
        }),
    );
    console.log(\`\${process.env.RECORD_NAME} -> \${record.join(" ")}; standby \${standby.join(" ")}; routed \${routed}\`);
    return routed;
}

async function probe() {
    const url = new URL(process.env.PROBE_URL);
    const client = url.protocol === "https:" ? https : http;
    const status = await new Promise((resolve, reject) => {
        const request = client.get(url, { rejectUnauthorized: false, timeout: TIMEOUT_MS }, (response) => {
            response.resume();
            resolve(response.statusCode);
        });
        request.on("timeout", () => request.destroy(new Error("no answer within ${timeoutSeconds} s")));
        request.on("error", reject);
    });
    if (status < 200 || status >= 400) throw new Error(\`\${url.href} answered \${status}\`);
    return status;
}

exports.handler = async () => {
    if (!process.env.PROBE_URL) return { routed: await witnessDns() };
    // The probe alone decides the run: a failed lookup is logged, never counted against the primary.
    const dns = process.env.RECORD_NAME
        ? witnessDns().catch((error) => console.log(\`DNS witness: \${error.message}\`))
        : undefined;
    const [status, routed] = await Promise.all([probe(), dns]);
    return { status, routed };
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
