/**
 * The runbook's shape: sections of ordered steps, each standing for one term of the DR report where
 * the report has one, so the runbook's times and the report's are the same numbers.
 */
import { DrPart } from "../../dr";

/** Who or what performs a step. */
export type Performer =
    /** A service does it on its own; `by` names it (a Route 53 health check, an Auto Scaling policy, an SSM document). */
    | { readonly kind: "automation"; readonly by: string }
    /** The stack's named owner (`dr.failover.owner`) does it by hand. */
    | { readonly kind: "owner"; readonly owner: string; readonly path: string };

/** One AWS CLI command, with the region it runs against and the CLI reference page of its flags. */
export interface CliCommand {
    readonly text: string;
    readonly doc: string;
}

export interface RunbookCheck {
    readonly command: CliCommand;
    /** What the command prints when the step is done. */
    readonly expect: string;
}

export interface RunbookStep {
    readonly title: string;
    readonly performer: Performer;
    /** What to run, in order; for an automated step, the manual fallback. */
    readonly commands: readonly CliCommand[];
    readonly checks: readonly RunbookCheck[];
    /** Worst-case time from the report's term; null where the report has no term for it. */
    readonly seconds: number | null;
    /** The DR report term the step stands for: its seconds are the step's. */
    readonly term?: DrPart;
    /** Why the step is there, and what to watch for. */
    readonly notes: readonly string[];
}

export type RunbookSectionKind = "failover" | "failback" | "az" | "corruption" | "not-covered" | "in-region";

export interface RunbookSection {
    readonly kind: RunbookSectionKind;
    readonly title: string;
    readonly intro: readonly string[];
    readonly steps: readonly RunbookStep[];
    /** The report's worst case for the section (its RTO), where it has one. */
    readonly reportSeconds: number | null;
}

/** A value only known after deploy (an id AWS assigns, a random suffix), shown as `<NAME>`. */
export interface Placeholder {
    readonly name: string;
    /** How to find it once the stack is deployed. */
    readonly how: string;
}

export interface Runbook {
    readonly stack: string;
    readonly strategy: string;
    readonly primaryRegion: string;
    readonly recoveryRegion?: string;
    readonly owner: string;
    readonly sections: readonly RunbookSection[];
    readonly placeholders: readonly Placeholder[];
}
