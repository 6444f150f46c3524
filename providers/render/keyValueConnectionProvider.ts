/**
 * `KeyValueConnection`: how to reach a Render Key Value instance, read once from its id (see referenceProvider.ts).
 * One GET: the connection info holds both connection strings, which name the hosts and ports.
 */
import type { RenderClient } from "./client";
import type { KeyValueConnectionOutputs } from "./inputs";
import { ReferenceProvider, type ReferenceSpec, endpointOf } from "./referenceProvider";

const KEY_VALUE_PORT = 6379;

export const keyValueConnectionSpec: ReferenceSpec = {
  field: "keyValueId",
  rule: "the id of a Render Key Value instance (red-…)",
  async fetch(api: RenderClient, id: string): Promise<Omit<KeyValueConnectionOutputs, "keyValueId">> {
    const info = await api.getKeyValueConnectionInfo(id);
    const internal = endpointOf(info.internalConnectionString, KEY_VALUE_PORT, `Key Value ${id} internalConnectionString`);
    const external = endpointOf(info.externalConnectionString, KEY_VALUE_PORT, `Key Value ${id} externalConnectionString`);
    return {
      host: internal.host, port: internal.port, externalHost: external.host, externalPort: external.port,
      internalConnectionString: info.internalConnectionString, externalConnectionString: info.externalConnectionString,
    };
  },
};

/** What the `KeyValueConnection` resource runs in the plugin (loaded there from the runtime bundle, see runtime.ts). */
export const keyValueConnectionProvider = new ReferenceProvider(keyValueConnectionSpec);
