/**
 * `pulumi up --refresh` for the sandbox: every Render resource in the state is read before planning. One that
 * Render no longer has (deleted outside the program) leaves the state, so the plan creates it again; the others
 * take Render's current outputs, so the plan corrects what changed behind the program's back. As the engine's
 * RefreshStep does, the inputs `read` returns replace the stored inputs, and only keys that were secret before are
 * marked secret again (a value `read` itself returns wrapped as a secret stays one).
 */
import { isDynamic } from "./deployment";
import type { PluginHost } from "./pluginHost";
import type { Redactor } from "./redactor";
import type { ResourceState, StackState } from "./stateStore";
import { markSecrets, secretKeys } from "./wire";

/** Refreshes `state` in place; returns the URNs of resources that no longer exist. */
export async function refreshState(plugin: PluginHost, state: StackState, redactor: Redactor): Promise<string[]> {
  const gone: string[] = [];
  const kept: ResourceState[] = [];
  for (const r of state.resources) {
    if (!r.custom || !isDynamic(r.type) || !r.id || r.pendingDelete) {
      kept.push(r);
      continue;
    }
    const res = await plugin.read(r.id, r.urn, r.outputs, r.inputs);
    if (!res.id) {
      gone.push(r.urn);
      continue;
    }
    const outputs = markSecrets(res.properties, [...secretKeys(r.outputs), ...r.additionalSecretOutputs]);
    const inputs = res.inputs ? markSecrets(res.inputs, secretKeys(r.inputs)) : r.inputs;
    redactor.addSecretsIn(outputs);
    redactor.addSecretsIn(inputs);
    kept.push({ ...r, inputs, outputs });
  }
  state.resources = kept;
  return gone;
}
