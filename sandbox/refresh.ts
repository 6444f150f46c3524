/**
 * `pulumi up --refresh` for the sandbox: every Render resource in the state is read before planning. One that
 * Render no longer has (deleted outside the program) leaves the state, so the plan creates it again; the others
 * take Render's current outputs, so the plan corrects what changed behind the program's back.
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
    redactor.addSecretsIn(outputs);
    kept.push({ ...r, outputs });
  }
  state.resources = kept;
  return gone;
}
