/**
 * A Render Key Value instance (Redis-compatible). The region is fixed at creation (a change is a
 * replacement); plan, eviction policy and allow list change in place with one PATCH.
 */
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { DiffOutcome, diffProps } from "./diffProps";
import { KEY_VALUE_PLANS, MAXMEMORY_POLICIES, REGIONS } from "./enums";
import { isNotFound } from "./errors";
import { READ_SECRET_FIELDS, withSecretFields } from "./secretWire";
import { KEY_VALUE_CREATE_ONLY } from "./replaceKeys";
import type { KeyValueInputs, KeyValueOutputs } from "./inputs";
import { fromApiAllowList, ipAllowListSchema, toApiAllowList } from "./ipAllowList";
import { RenderProvider, adoptTwin, finishCreate, loggedWait, moveToEnvironment } from "./providerBase";
import type { KeyValue as RenderKeyValue, KeyValueConnectionInfo } from "./schemas";
import { CheckOutcome, bool, checkWith, oneOf, show, text } from "./validate";

const KEY_VALUE_KEYS = ["name", "plan", "region", "maxmemoryPolicy", "ipAllowList", "environmentId"] as const;

export function keyValueInputsSchema() {
  return z.strictObject({
    name: text("a Key Value name"),
    plan: oneOf(KEY_VALUE_PLANS, "a Render Key Value plan").default("starter"),
    region: oneOf(REGIONS, "a Render region").default("oregon"),
    maxmemoryPolicy: oneOf(MAXMEMORY_POLICIES, "a maxmemory policy").default("allkeys_lru"),
    allowReplace: bool().optional(),
    ipAllowList: ipAllowListSchema().default([]),
    environmentId: text().optional(),
  });
}

/**
 * A region change replaces the instance with a new, empty one: refused before any API call when
 * `allowReplace` is false (the program passes the stack config's `allowDataLoss.keyValue`).
 */
export function checkKeyValue(news: Record<string, unknown>, olds: Record<string, unknown> = {}): CheckOutcome<KeyValueInputs> {
  const result = checkWith(keyValueInputsSchema, news) as CheckOutcome<KeyValueInputs>;
  const inputs = result.inputs;
  if (!inputs || inputs.allowReplace !== false || typeof olds.region !== "string" || olds.region === inputs.region) return result;
  return { failures: [{ property: "region", reason: `${show(inputs.region)} would replace Key Value ${show(inputs.name)} (now ` +
    `${show(olds.region)}) with a new, empty instance. Keep ${show(olds.region)}, or allow it: ` +
    "pulumi config set --path allowDataLoss.keyValue true" }] };
}

export function diffKeyValue(olds: Record<string, unknown>, news: Record<string, unknown>): DiffOutcome {
  return diffProps(olds, news, { keys: KEY_VALUE_KEYS, createOnly: KEY_VALUE_CREATE_ONLY, deleteBeforeReplace: true });
}

function inputsFrom(kv: RenderKeyValue): KeyValueInputs {
  const inputs: KeyValueInputs = {
    name: kv.name, plan: kv.plan as KeyValueInputs["plan"], region: kv.region as KeyValueInputs["region"],
    maxmemoryPolicy: (kv.options?.maxmemoryPolicy ?? "allkeys_lru") as KeyValueInputs["maxmemoryPolicy"],
    ipAllowList: fromApiAllowList(kv.ipAllowList),
  };
  if (kv.environmentId) inputs.environmentId = kv.environmentId;
  return inputs;
}

function checkedOf(props: KeyValueInputs): KeyValueInputs {
  const out: Record<string, unknown> = {};
  for (const key of KEY_VALUE_KEYS) if (props[key] !== undefined) out[key] = props[key];
  return out as unknown as KeyValueInputs;
}

function outputsFrom(inputs: KeyValueInputs, kv: { id: string; status: string }, info: KeyValueConnectionInfo | undefined,
  prior: Partial<KeyValueOutputs>): KeyValueOutputs {
  return {
    ...inputs, status: kv.status, host: kv.id,
    internalConnectionString: info?.internalConnectionString ?? prior.internalConnectionString ?? "",
    externalConnectionString: info?.externalConnectionString ?? prior.externalConnectionString ?? "",
  };
}

class KeyValueProvider extends RenderProvider implements pulumi.dynamic.ResourceProvider {
  async check(olds: Record<string, unknown>, news: Record<string, unknown>) {
    return checkKeyValue(news, olds);
  }

  async diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>) {
    return diffKeyValue(olds, news);
  }

  async create(inputs: KeyValueInputs) {
    const api = this.api();
    const body: Record<string, unknown> & { name: string } = {
      name: inputs.name, plan: inputs.plan, region: inputs.region, maxmemoryPolicy: inputs.maxmemoryPolicy,
      ipAllowList: toApiAllowList(inputs.ipAllowList),
    };
    if (inputs.environmentId) body.environmentId = inputs.environmentId;
    const twin = adoptTwin("Key Value instance", inputs.name, await api.listKeyValue({ name: inputs.name, ownerId: await api.resolveOwnerId() }),
      (kv) => kv.region === inputs.region && kv.plan === inputs.plan && kv.options?.maxmemoryPolicy === inputs.maxmemoryPolicy);
    const created = twin ?? await api.createKeyValue(body);
    let outs = outputsFrom(checkedOf(inputs), created, undefined, {});
    return finishCreate(created.id, inputs as unknown as Record<string, unknown>, () => ({ ...outs }), async () => {
      const ready = await api.waitForKeyValueAvailable(created.id, loggedWait(15 * 60_000));
      outs = outputsFrom(checkedOf(inputs), ready, await api.getKeyValueConnectionInfo(created.id), {});
      return { id: created.id, outs };
    });
  }

  async read(id: string, props: Partial<KeyValueOutputs>) {
    const api = this.api();
    try {
      const [kv, info] = await Promise.all([api.getKeyValue(id), api.getKeyValueConnectionInfo(id)]);
      const inputs = inputsFrom(kv);
      return { id, props: withSecretFields(outputsFrom(inputs, kv, info, props), READ_SECRET_FIELDS), inputs };
    } catch (err) {
      if (isNotFound(err)) return { id: "" };
      throw err;
    }
  }

  async update(id: string, olds: KeyValueOutputs, news: KeyValueInputs) {
    const api = this.api();
    const { changed } = diffKeyValue(olds as unknown as Record<string, unknown>, news as unknown as Record<string, unknown>);
    const patch: Record<string, unknown> = {};
    if (changed.includes("name")) patch.name = news.name;
    if (changed.includes("plan")) patch.plan = news.plan;
    if (changed.includes("maxmemoryPolicy")) patch.maxmemoryPolicy = news.maxmemoryPolicy;
    if (changed.includes("ipAllowList")) patch.ipAllowList = toApiAllowList(news.ipAllowList);
    if (changed.includes("environmentId")) await moveToEnvironment(api, id, olds.environmentId, news.environmentId);
    const kv = Object.keys(patch).length ? await api.updateKeyValue(id, patch) : { id, status: olds.status };
    return { outs: outputsFrom(checkedOf(news), kv, undefined, olds) };
  }

  async delete(id: string) {
    await this.api().deleteKeyValue(id);
  }
}

/** What the `KeyValue` resource runs in the plugin (loaded there from the runtime bundle, see runtime.ts). */
export const keyValueProvider = new KeyValueProvider();
