/**
 * `GET/PATCH /notification-settings/overrides/services/{serviceId}`. Every service has an override (both
 * fields `default` until set), so delete puts both back to `default`; the object is gone with its service.
 */
import { z } from "zod";
import type { RenderClient } from "../client";
import type { KindWire } from "../kindProvider";
import type { NotificationOverrideInputs, NotificationOverrideOutputs, OverrideLevel, PreviewOverride } from "./types";

const overrideSchema = () => z.looseObject({ serviceId: z.string(), notificationsToSend: z.string(), previewNotificationsEnabled: z.string() });

const outputs = (o: z.infer<ReturnType<typeof overrideSchema>>): NotificationOverrideOutputs => ({
  serviceId: o.serviceId, notificationsToSend: o.notificationsToSend as OverrideLevel,
  previewNotificationsEnabled: o.previewNotificationsEnabled as PreviewOverride,
});

async function patch(api: RenderClient, serviceId: string, body: Omit<NotificationOverrideInputs, "serviceId">): Promise<NotificationOverrideOutputs> {
  return outputs(await api.send("PATCH", "/notification-settings/overrides/services/{serviceId}", { serviceId }, {
    body: { notificationsToSend: body.notificationsToSend, previewNotificationsEnabled: body.previewNotificationsEnabled }, schema: overrideSchema(),
  }));
}

export const notificationOverrideWire: KindWire<NotificationOverrideInputs, NotificationOverrideOutputs> = {
  async create(api, inputs) {
    return { id: inputs.serviceId, outs: await patch(api, inputs.serviceId, inputs) };
  },
  async read(api, id) {
    return outputs(await api.send("GET", "/notification-settings/overrides/services/{serviceId}", { serviceId: id }, { schema: overrideSchema() }));
  },
  update: (api, id, _olds, news) => patch(api, id, news),
  async delete(api, id) {
    await patch(api, id, { notificationsToSend: "default", previewNotificationsEnabled: "default" });
  },
};
