/** `GET/PUT/DELETE /logs/streams/owner/{ownerId}`: one stream per workspace, so the id is the owner id. */
import { z } from "zod";
import type { RenderClient } from "../client";
import type { KindWire } from "../kindProvider";
import type { LogSetting, LogStreamInputs, LogStreamOutputs } from "./types";

const streamSchema = () => z.looseObject({ endpoint: z.string().nullish(), preview: z.string().nullish() });

function outputs(ownerId: string, found: z.infer<ReturnType<typeof streamSchema>>, token: string | undefined): LogStreamOutputs {
  const outs: LogStreamOutputs = { ownerId, preview: (found.preview ?? "send") as LogSetting };
  // Render answers "" for no endpoint (cas: log streams); store it absent so the diff stays quiet.
  if (found.endpoint) outs.endpoint = found.endpoint;
  if (token !== undefined) outs.token = token;
  return outs;
}

async function put(api: RenderClient, ownerId: string, i: LogStreamInputs): Promise<LogStreamOutputs> {
  const found = await api.send("PUT", "/logs/streams/owner/{ownerId}", { ownerId }, {
    body: { preview: i.preview, endpoint: i.endpoint, token: i.token }, schema: streamSchema(),
  });
  return outputs(ownerId, found, i.token);
}

export const logStreamWire: KindWire<LogStreamInputs, LogStreamOutputs> = {
  async create(api, inputs) {
    const ownerId = inputs.ownerId || await api.resolveOwnerId();
    return { id: ownerId, outs: await put(api, ownerId, inputs) };
  },
  async read(api, id) {
    return outputs(id, await api.send("GET", "/logs/streams/owner/{ownerId}", { ownerId: id }, { schema: streamSchema() }), undefined);
  },
  update: (api, id, _olds, news) => put(api, id, news),
  async delete(api, id) {
    await api.send("DELETE", "/logs/streams/owner/{ownerId}", { ownerId: id }, { notFoundOk: true });
  },
};
