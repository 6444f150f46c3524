/** `GET/PUT/DELETE /logs/streams/resource/{resourceId}`: the id is the resource's id. */
import { z } from "zod";
import type { RenderClient } from "../client";
import type { KindWire } from "../kindProvider";
import type { LogSetting } from "../logStream/types";
import type { ResourceLogStreamInputs, ResourceLogStreamOutputs } from "./types";

const overrideSchema = () => z.looseObject({ endpoint: z.string().nullish(), setting: z.string().nullish() });

function outputs(resourceId: string, found: z.infer<ReturnType<typeof overrideSchema>>, token: string | undefined): ResourceLogStreamOutputs {
  const outs: ResourceLogStreamOutputs = { resourceId, setting: (found.setting ?? "send") as LogSetting };
  if (found.endpoint) outs.endpoint = found.endpoint;
  if (token !== undefined) outs.token = token;
  return outs;
}

async function put(api: RenderClient, resourceId: string, i: ResourceLogStreamInputs): Promise<ResourceLogStreamOutputs> {
  const found = await api.send("PUT", "/logs/streams/resource/{resourceId}", { resourceId }, {
    body: { setting: i.setting, endpoint: i.endpoint, token: i.token }, schema: overrideSchema(),
  });
  return outputs(resourceId, found, i.token);
}

export const resourceLogStreamWire: KindWire<ResourceLogStreamInputs, ResourceLogStreamOutputs> = {
  async create(api, inputs) {
    return { id: inputs.resourceId, outs: await put(api, inputs.resourceId, inputs) };
  },
  async read(api, id) {
    return outputs(id, await api.send("GET", "/logs/streams/resource/{resourceId}", { resourceId: id }, { schema: overrideSchema() }), undefined);
  },
  update: (api, id, _olds, news) => put(api, id, news),
  async delete(api, id) {
    await api.send("DELETE", "/logs/streams/resource/{resourceId}", { resourceId: id }, { notFoundOk: true });
  },
};
