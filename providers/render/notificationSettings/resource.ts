/** The `NotificationSettings` resource class: the only file of this kind that loads `@pulumi/pulumi`. */
import * as pulumi from "@pulumi/pulumi";
import { makeProvider } from "../runtimeProvider";
import type { NotificationSettingsArgs, NotifyLevel } from "./types";

/** The workspace's notification settings: which deploy and service events reach email (and Slack). */
export class NotificationSettings extends pulumi.dynamic.Resource {
  declare readonly notificationsToSend: pulumi.Output<NotifyLevel>;
  declare readonly emailEnabled: pulumi.Output<boolean>;
  declare readonly previewNotificationsEnabled: pulumi.Output<boolean>;
  declare readonly slackEnabled: pulumi.Output<boolean>;
  declare readonly ownerId: pulumi.Output<string>;

  constructor(name: string, args: NotificationSettingsArgs, opts?: pulumi.CustomResourceOptions) {
    super(makeProvider("NotificationSettings"), name,
      { notificationsToSend: undefined, emailEnabled: undefined, previewNotificationsEnabled: undefined, ownerId: undefined, ...args, slackEnabled: undefined },
      opts, "render", "NotificationSettings");
  }
}
