/** `GET/PUT/DELETE /metrics-stream/{ownerId}`: one stream per workspace, so the id is the owner id. */
import { z } from "zod";
import type { RenderClient } from "../client";
import type { KindWire } from "../kindProvider";
import type { MetricsProvider, MetricsStreamInputs, MetricsStreamOutputs } from "./types";

const streamSchema = () => z.looseObject({ provider: z.string(), url: z.string() });

function outputs(ownerId: string, found: z.infer<ReturnType<typeof streamSchema>>, token: string | undefined): MetricsStreamOutputs {
  const outs: MetricsStreamOutputs = { ownerId, provider: found.provider as MetricsProvider, url: found.url };
  if (token !== undefined) outs.token = token;
  return outs;
}

async function put(api: RenderClient, ownerId: string, i: MetricsStreamInputs): Promise<MetricsStreamOutputs> {
  const found = await api.send("PUT", "/metrics-stream/{ownerId}", { ownerId }, {
    body: { provider: i.provider, url: i.url, token: i.token }, schema: streamSchema(),
  });
  return outputs(ownerId, found, i.token);
}

export const metricsStreamWire: KindWire<MetricsStreamInputs, MetricsStreamOutputs> = {
  async create(api, inputs) {
    const ownerId = inputs.ownerId || await api.resolveOwnerId();
    return { id: ownerId, outs: await put(api, ownerId, inputs) };
  },
  async read(api, id) {
    return outputs(id, await api.send("GET", "/metrics-stream/{ownerId}", { ownerId: id }, { schema: streamSchema() }), undefined);
  },
  update: (api, id, _olds, news) => put(api, id, news),
  async delete(api, id) {
    await api.send("DELETE", "/metrics-stream/{ownerId}", { ownerId: id }, { notFoundOk: true });
  },
};
