/** The registry credential calls: `/registrycredentials` (a bare list, no cursor wrapper). */
import { z } from "zod";
import { onlyMatch } from "../clientBase";
import type { KindWire } from "../kindProvider";
import type { RegistryCredentialInputs, RegistryCredentialOutputs } from "./types";

const credentialSchema = () => z.looseObject({ id: z.string(), name: z.string(), registry: z.string(), username: z.string() });
type Credential = z.infer<ReturnType<typeof credentialSchema>>;

const body = (i: RegistryCredentialInputs) => ({ name: i.name, registry: i.registry, username: i.username, authToken: i.authToken });

function outputs(found: Credential, ownerId: string | undefined, authToken: string | undefined): RegistryCredentialOutputs {
  const outs = { name: found.name, registry: found.registry, username: found.username, ownerId } as RegistryCredentialOutputs;
  if (authToken !== undefined) outs.authToken = authToken;
  return outs;
}

export const registryCredentialWire: KindWire<RegistryCredentialInputs, RegistryCredentialOutputs> = {
  async create(api, inputs) {
    const ownerId = inputs.ownerId || await api.resolveOwnerId();
    const created = await api.send("POST", "/registrycredentials", {}, {
      body: { ...body(inputs), ownerId }, schema: credentialSchema(),
      recover: async () => onlyMatch("registry credential", inputs.name,
        await api.sendList("/registrycredentials", undefined, credentialSchema(), { name: inputs.name, ownerId })),
    });
    return { id: created.id, outs: outputs(created, ownerId, inputs.authToken) };
  },
  async read(api, id, prior) {
    const found = await api.send("GET", "/registrycredentials/{id}", { id }, { schema: credentialSchema() });
    return outputs(found, prior.ownerId, undefined);
  },
  async update(api, id, olds, news) {
    // PATCH needs every field, the token included (spec `update-registry-credential`).
    const updated = await api.send("PATCH", "/registrycredentials/{id}", { id }, { body: body(news), schema: credentialSchema() });
    return outputs(updated, olds.ownerId, news.authToken);
  },
  async delete(api, id) {
    await api.send("DELETE", "/registrycredentials/{id}", { id }, { notFoundOk: true });
  },
};

