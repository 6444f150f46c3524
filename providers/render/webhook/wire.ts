/** `/webhooks`: create answers 201 with the signing secret, which every GET returns again. */
import { z } from "zod";
import type { RenderClient } from "../client";
import { onlyMatch } from "../clientBase";
import type { KindWire } from "../kindProvider";
import type { WebhookEvent, WebhookInputs, WebhookOutputs } from "./types";

const webhookSchema = () => z.looseObject({
  id: z.string(), name: z.string(), url: z.string(), enabled: z.boolean(), secret: z.string(),
  eventFilter: z.array(z.string()).nullish(),
});
type Webhook = z.infer<ReturnType<typeof webhookSchema>>;

const outputs = (w: Webhook, ownerId: string | undefined): WebhookOutputs => ({
  name: w.name, url: w.url, enabled: w.enabled, eventFilter: [...(w.eventFilter ?? [])].sort() as WebhookEvent[],
  ownerId: ownerId as string, secret: w.secret,
});

function get(api: RenderClient, id: string): Promise<Webhook> {
  return api.send("GET", "/webhooks/{webhookId}", { webhookId: id }, { schema: webhookSchema() });
}

export const webhookWire: KindWire<WebhookInputs, WebhookOutputs> = {
  async create(api, inputs) {
    const ownerId = inputs.ownerId || await api.resolveOwnerId();
    const body = { ownerId, name: inputs.name, url: inputs.url, enabled: inputs.enabled, eventFilter: inputs.eventFilter };
    const created = await api.send("POST", "/webhooks", {}, {
      body, schema: webhookSchema(),
      recover: async () => onlyMatch("webhook", inputs.name, await api.sendList("/webhooks", "webhook", webhookSchema(), { ownerId })),
    });
    return { id: created.id, outs: outputs(created, ownerId) };
  },
  async read(api, id, prior) {
    return outputs(await get(api, id), prior.ownerId);
  },
  async update(api, id, olds, news, changed) {
    const body: Record<string, unknown> = {};
    for (const key of ["name", "url", "enabled", "eventFilter"] as const) if (changed.includes(key)) body[key] = news[key];
    const updated = await api.send("PATCH", "/webhooks/{webhookId}", { webhookId: id }, { body, schema: webhookSchema() });
    return outputs(updated, olds.ownerId);
  },
  async delete(api, id) {
    await api.send("DELETE", "/webhooks/{webhookId}", { webhookId: id }, { notFoundOk: true });
  },
};
