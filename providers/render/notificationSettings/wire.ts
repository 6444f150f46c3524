/**
 * `GET/PATCH /notification-settings/owners/{ownerId}`. The settings always exist: create and update are the
 * same PATCH, and delete leaves them as they are (like Terraform's `render_notification_setting`).
 */
import { z } from "zod";
import type { RenderClient } from "../client";
import type { KindWire } from "../kindProvider";
import { dropUndefined } from "../validate";
import type { NotificationSettingsInputs, NotificationSettingsOutputs, NotifyLevel } from "./types";

const settingsSchema = () => z.looseObject({
  notificationsToSend: z.string(), emailEnabled: z.boolean(), previewNotificationsEnabled: z.boolean(), slackEnabled: z.boolean(),
});

function outputs(ownerId: string, s: z.infer<ReturnType<typeof settingsSchema>>): NotificationSettingsOutputs {
  return {
    ownerId, notificationsToSend: s.notificationsToSend as NotifyLevel, emailEnabled: s.emailEnabled,
    previewNotificationsEnabled: s.previewNotificationsEnabled, slackEnabled: s.slackEnabled,
  };
}

async function patch(api: RenderClient, ownerId: string, i: NotificationSettingsInputs): Promise<NotificationSettingsOutputs> {
  const body = dropUndefined({ notificationsToSend: i.notificationsToSend, emailEnabled: i.emailEnabled, previewNotificationsEnabled: i.previewNotificationsEnabled });
  return outputs(ownerId, await api.send("PATCH", "/notification-settings/owners/{ownerId}", { ownerId }, { body, schema: settingsSchema() }));
}

export const notificationSettingsWire: KindWire<NotificationSettingsInputs, NotificationSettingsOutputs> = {
  async create(api, inputs) {
    const ownerId = inputs.ownerId || await api.resolveOwnerId();
    return { id: ownerId, outs: await patch(api, ownerId, inputs) };
  },
  async read(api, id) {
    return outputs(id, await api.send("GET", "/notification-settings/owners/{ownerId}", { ownerId: id }, { schema: settingsSchema() }));
  },
  update: (api, id, _olds, news) => patch(api, id, news),
  async delete() {
    // Nothing to remove: Render keeps workspace notification settings for as long as the workspace lives.
  },
};
