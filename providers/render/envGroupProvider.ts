/**
 * A Render env group: shared env vars and secret files, linked to services. Render has no bulk write for
 * groups, so an update writes only the keys, files and links that differ.
 */
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { DiffOutcome, diffProps } from "./diffProps";
import { isNotFound } from "./errors";
import { withSecretFields } from "./secretWire";
import type { EnvGroupInputs, EnvGroupOutputs } from "./inputs";
import { RenderProvider, moveToEnvironment } from "./providerBase";
import type { EnvGroup as RenderEnvGroup } from "./schemas";
import { ENV_KEY, ENV_KEY_RULE } from "./serviceCheck";
import { CheckOutcome, checkWith, sortedSet, stringMap, text } from "./validate";

const ENV_GROUP_KEYS = ["name", "envVars", "secretFiles", "serviceIds", "environmentId"] as const;

export function envGroupInputsSchema() {
  return z.strictObject({
    name: text("an env group name"),
    envVars: stringMap(ENV_KEY_RULE, ENV_KEY).default({}),
    secretFiles: stringMap("a file name (letters, digits, . _ -)", /^[A-Za-z0-9._-]+$/).default({}),
    serviceIds: sortedSet(text("a Render service id like srv-…")).default([]),
    environmentId: text().optional(),
  });
}

export function checkEnvGroup(news: Record<string, unknown>): CheckOutcome<EnvGroupInputs> {
  return checkWith(envGroupInputsSchema, news) as CheckOutcome<EnvGroupInputs>;
}

export function diffEnvGroup(olds: Record<string, unknown>, news: Record<string, unknown>): DiffOutcome {
  return diffProps(olds, news, { keys: ENV_GROUP_KEYS, deleteBeforeReplace: true });
}

function inputsFrom(group: RenderEnvGroup): EnvGroupInputs {
  const inputs: EnvGroupInputs = {
    name: group.name,
    envVars: Object.fromEntries(group.envVars.map((v) => [v.key, v.value])),
    secretFiles: Object.fromEntries(group.secretFiles.map((f) => [f.name, f.content])),
    serviceIds: group.serviceLinks.map((l) => l.id).sort(),
  };
  if (group.environmentId) inputs.environmentId = group.environmentId;
  return inputs;
}

function checkedOf(props: EnvGroupInputs): EnvGroupInputs {
  const out: Record<string, unknown> = {};
  for (const key of ENV_GROUP_KEYS) if (props[key] !== undefined) out[key] = props[key];
  return out as unknown as EnvGroupInputs;
}

/** Keys whose value is new or different, and keys no longer wanted. */
function mapChanges(before: Record<string, string>, after: Record<string, string>): { put: string[]; remove: string[] } {
  return {
    put: Object.keys(after).filter((k) => before[k] !== after[k]),
    remove: Object.keys(before).filter((k) => !(k in after)),
  };
}

class EnvGroupProvider extends RenderProvider implements pulumi.dynamic.ResourceProvider {
  async check(_olds: Record<string, unknown>, news: Record<string, unknown>) {
    return checkEnvGroup(news);
  }

  async diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>) {
    return diffEnvGroup(olds, news);
  }

  async create(inputs: EnvGroupInputs) {
    const body: Record<string, unknown> & { name: string; envVars: { key: string; value: string }[] } = {
      name: inputs.name,
      envVars: Object.entries(inputs.envVars).map(([key, value]) => ({ key, value })),
      secretFiles: Object.entries(inputs.secretFiles).map(([name, content]) => ({ name, content })),
      serviceIds: inputs.serviceIds,
    };
    if (inputs.environmentId) body.environmentId = inputs.environmentId;
    const group = await this.api().createEnvGroup(body);
    return { id: group.id, outs: checkedOf(inputs) };
  }

  async read(id: string) {
    try {
      const inputs = inputsFrom(await this.api().getEnvGroup(id));
      const secret = withSecretFields(inputs, ["envVars", "secretFiles"]);
      return { id, props: secret, inputs: secret };
    } catch (err) {
      if (isNotFound(err)) return { id: "" };
      throw err;
    }
  }

  async update(id: string, olds: EnvGroupOutputs, news: EnvGroupInputs) {
    const api = this.api();
    if (olds.name !== news.name) await api.updateEnvGroup(id, { name: news.name });
    const vars = mapChanges(olds.envVars ?? {}, news.envVars);
    for (const key of vars.put) await api.putEnvGroupEnvVar(id, key, { value: news.envVars[key] });
    for (const key of vars.remove) await api.deleteEnvGroupEnvVar(id, key);
    const files = mapChanges(olds.secretFiles ?? {}, news.secretFiles);
    for (const name of files.put) await api.putEnvGroupSecretFile(id, name, news.secretFiles[name]);
    for (const name of files.remove) await api.deleteEnvGroupSecretFile(id, name);
    const linked = olds.serviceIds ?? [];
    for (const serviceId of news.serviceIds) if (!linked.includes(serviceId)) await api.linkEnvGroupService(id, serviceId);
    for (const serviceId of linked) if (!news.serviceIds.includes(serviceId)) await api.unlinkEnvGroupService(id, serviceId);
    await moveToEnvironment(api, id, olds.environmentId, news.environmentId);
    return { outs: checkedOf(news) };
  }

  async delete(id: string) {
    await this.api().deleteEnvGroup(id);
  }
}

/** What the `EnvGroup` resource runs in the plugin (loaded there from the runtime bundle, see runtime.ts). */
export const envGroupProvider = new EnvGroupProvider();
