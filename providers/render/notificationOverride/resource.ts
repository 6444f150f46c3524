/** The `NotificationOverride` resource class: the only file of this kind that loads `@pulumi/pulumi`. */
import * as pulumi from "@pulumi/pulumi";
import { makeProvider } from "../runtimeProvider";
import type { NotificationOverrideArgs, OverrideLevel, PreviewOverride } from "./types";

/** One service's notifications, overriding the workspace settings. */
export class NotificationOverride extends pulumi.dynamic.Resource {
  declare readonly serviceId: pulumi.Output<string>;
  declare readonly notificationsToSend: pulumi.Output<OverrideLevel>;
  declare readonly previewNotificationsEnabled: pulumi.Output<PreviewOverride>;

  constructor(name: string, args: NotificationOverrideArgs, opts?: pulumi.CustomResourceOptions) {
    super(makeProvider("NotificationOverride"), name, { notificationsToSend: undefined, previewNotificationsEnabled: undefined, ...args },
      opts, "render", "NotificationOverride");
  }
}
