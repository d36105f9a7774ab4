import { CliCommand } from "./model";

/** The AWS CLI v2 reference page of a command (`wait db-instance-available` → `wait/db-instance-available`). */
export const cliReference = (service: string, command: string) =>
    `https://docs.aws.amazon.com/cli/latest/reference/${service}/${command.replace(/ /g, "/")}.html`;

/**
 * `aws <service> <command> --region <region> --flag value ...`, one flag per line so a long ARN stays
 * readable. A flag without a value (`--allow-data-loss`) is given as `[flag]`. `region` is omitted for
 * Route 53, whose API is global.
 */
export function cli(
    service: string,
    command: string,
    region: string | undefined,
    flags: readonly (readonly [string] | readonly [string, string])[],
): CliCommand {
    const parts = [
        `aws ${service} ${command}`,
        ...(region ? [`--region ${region}`] : []),
        ...flags.map(([flag, value]) => (value === undefined ? flag : `${flag} ${quoted(value)}`)),
    ];
    return { text: parts.join(" \\\n  "), doc: cliReference(service, command) };
}

/** Single-quotes a value the shell would split or expand; placeholders `<NAME>` are quoted too. */
const quoted = (value: string) => (/^[A-Za-z0-9_./:=@,+-]+$/.test(value) ? value : `'${value.replace(/'/g, "'\\''")}'`);

/** A command that is not the AWS CLI (dig, pulumi), with the page that documents it. */
export const shell = (text: string, doc: string): CliCommand => ({ text, doc });
