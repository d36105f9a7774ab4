import * as aws from "@pulumi/aws";
import * as random from "@pulumi/random";
import { Program, RecordedResource } from "../tools/engine";
import { resolveResourceClass } from "./measure";

const packages = { aws, random };

/**
 * The flat program: the same custom resources as a recorded stack, declared with raw @pulumi/aws and
 * @pulumi/random constructors and no components. Its resource list is generated from a recording of
 * the stack (the bench records prod once at start) rather than written out by hand.
 *
 * What it does NOT do that the component program does, so the ratio measures their sum:
 * - no config loading or zod parsing, and no component validation (`validate...Args`, checkWhenResolved);
 * - no invokes (zone and AZ lookups): their answers are already in the recorded inputs;
 * - no Output plumbing between resources: every input is the resolved value the engine received, so
 *   nothing waits on another resource, and no applies, interpolations or jsonStringify run;
 * - no component resources (13 in prod) and no parents: every URN is `type::name`;
 * - no aliases or ignoreChanges; protect, retainOnDelete and dependsOn are kept: the mocks, like AWS,
 *   refuse some resources until the one they depend on exists (a Config recorder started before its
 *   delivery channel), so a recorded `dependsOn` becomes one on the flat resource of the same URN;
 * - secrets are the masked "[secret]" placeholder in plain text, and it exports no outputs.
 * Each resource still goes through its SDK class, the SDK's input serialization, the recording
 * monitor and the mocks, exactly as in the component program.
 */
export function flatProgram(recording: readonly RecordedResource[]): Program {
    const custom = recording.filter((r) => r.custom);
    const position = new Map(custom.map((r, i) => [r.urn, i]));
    const resources = custom.map((r, i) => ({
        cls: resolveResourceClass(r.type, packages),
        name: r.name,
        inputs: r.inputs,
        protect: r.options.protect,
        retainOnDelete: r.options.retainOnDelete,
        // Indexes of earlier resources only: a dependency is registered before its dependent.
        dependsOn: r.options.dependsOn.map((urn) => {
            const at = position.get(urn);
            if (at === undefined || at >= i)
                throw new Error(`${r.urn} depends on ${urn}, which is no custom resource recorded before it`);
            return at;
        }),
    }));
    return () => {
        const declared: unknown[] = [];
        for (const r of resources) {
            declared.push(
                new r.cls(r.name, r.inputs, {
                    protect: r.protect,
                    retainOnDelete: r.retainOnDelete,
                    dependsOn: r.dependsOn.map((at) => declared[at]),
                }),
            );
        }
        return {};
    };
}
