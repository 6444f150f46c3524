/**
 * Maintenance mode lives in the service (`serviceDetails.maintenanceMode`): read with `GET /services/{id}`,
 * written with a PATCH holding only that field (no deploy). Delete turns it off; the id is the service's.
 */
import type { RenderClient } from "../client";
import type { KindWire } from "../kindProvider";
import type { MaintenanceModeInputs, MaintenanceModeOutputs } from "./types";

type Maintenance = { enabled?: boolean; uri?: string | null } | null | undefined;

const outputs = (serviceId: string, m: Maintenance): MaintenanceModeOutputs => ({ serviceId, enabled: m?.enabled ?? false, uri: m?.uri ?? "" });

async function patch(api: RenderClient, serviceId: string, enabled: boolean, uri: string): Promise<MaintenanceModeOutputs> {
  const service = await api.updateService(serviceId, { serviceDetails: { maintenanceMode: { enabled, uri } } });
  return outputs(serviceId, service.serviceDetails.maintenanceMode as Maintenance);
}

export const maintenanceModeWire: KindWire<MaintenanceModeInputs, MaintenanceModeOutputs> = {
  async create(api, inputs) {
    return { id: inputs.serviceId, outs: await patch(api, inputs.serviceId, inputs.enabled, inputs.uri) };
  },
  async read(api, id) {
    return outputs(id, (await api.getService(id)).serviceDetails.maintenanceMode as Maintenance);
  },
  update: (api, id, _olds, news) => patch(api, id, news.enabled, news.uri),
  async delete(api, id) {
    await patch(api, id, false, "");
  },
};
