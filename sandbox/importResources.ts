/**
 * `pulumi import` for the sandbox: `--import TYPE=NAME=ID` reads an existing object through its provider and
 * adds it to the state under the root stack, as the engine's ImportStep does: the inputs `read` returns are
 * stored as the resource's inputs. Nothing was secret before an import, so only what `read` itself returns
 * wrapped as a secret is secret in the state. TYPE is a dynamic resource type of the program, e.g.
 * `render:Service` (`pulumi-nodejs:dynamic/render:Service`); its provider code is the one the state already
 * holds for that type (the program registered one like it), as a dynamic provider lives in the program.
 * Like `pulumi import`, the resource must then be added to the program, or the next update deletes it.
 */
import { isDynamic } from "./deployment";
import type { PluginHost } from "./pluginHost";
import type { Redactor } from "./redactor";
import type { ResourceState, StackState } from "./stateStore";
import { ROOT_STACK_TYPE, makeUrn } from "./urns";
import { markSecrets, revealSecrets } from "./wire";

export interface ImportSpec {
  type: string;
  name: string;
  id: string;
}

const DYNAMIC = "pulumi-nodejs:dynamic";

/** Parses `TYPE=NAME=ID`; the error names the value and the form expected. */
export function parseImportSpec(text: string): ImportSpec {
  const parts = text.split("=");
  if (parts.length !== 3 || parts.some((p) => p.trim() === "")) {
    throw new Error(`--import: "${text}" is not TYPE=NAME=ID (e.g. render:Service=dev-web=srv-abc123).`);
  }
  const [type, name, id] = parts.map((p) => p.trim());
  return { type: type.startsWith(`${DYNAMIC}/`) ? type : `${DYNAMIC}/${type}`, name, id };
}

export interface ImportOutcome {
  imported: ResourceState[];
  errors: string[];
}

/** Imports every spec into `state` (in place); a spec that fails leaves the state as it was for it. */
export async function importResources(plugin: PluginHost, state: StackState, redactor: Redactor, specs: readonly ImportSpec[]): Promise<ImportOutcome> {
  const root = state.resources.find((r) => r.type === ROOT_STACK_TYPE);
  const imported: ResourceState[] = [];
  const errors: string[] = [];
  for (const spec of specs) {
    const urn = makeUrn(state.stack, state.project, root?.urn, spec.type, spec.name);
    const like = state.resources.find((r) => r.type === spec.type && isDynamic(r.type) && r.outputs.__provider !== undefined);
    if (state.resources.some((r) => r.urn === urn)) {
      errors.push(`import ${spec.type} "${spec.name}": the state already has ${urn}`);
      continue;
    }
    if (!like) {
      const known = [...new Set(state.resources.filter((r) => isDynamic(r.type)).map((r) => r.type.slice(DYNAMIC.length + 1)))].sort();
      errors.push(`import ${spec.type} "${spec.name}": the state holds no ${spec.type} whose provider code could read it; ` +
        `run an update that registers one first${known.length ? ` (types in the state: ${known.join(", ")})` : ""}.`);
      continue;
    }
    const provider = revealSecrets(like.outputs.__provider);
    try {
      const res = await plugin.read(spec.id, urn, { __provider: provider }, {});
      if (!res.id) {
        errors.push(`import ${spec.type} "${spec.name}": ${spec.id} does not exist.`);
        continue;
      }
      const resource: ResourceState = {
        urn, type: spec.type, custom: true, id: res.id, parent: root?.urn,
        inputs: markSecrets(res.inputs ?? res.properties, []),
        outputs: markSecrets(res.properties, []),
        dependencies: [], protect: false, retainOnDelete: false, deleteBeforeReplace: false, additionalSecretOutputs: [],
      };
      redactor.addSecretsIn(resource.inputs);
      redactor.addSecretsIn(resource.outputs);
      state.resources.push(resource);
      imported.push(resource);
    } catch (err) {
      errors.push(`import ${spec.type} "${spec.name}": ${redactor.redact(err instanceof Error ? err.message : String(err))}`);
    }
  }
  return { imported, errors };
}
