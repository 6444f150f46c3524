/** A service's notification override: Args, Inputs, Outputs. */
import type * as pulumi from "@pulumi/pulumi";
import type { OVERRIDE_LEVELS, PREVIEW_OVERRIDES } from "./fields";

export type OverrideLevel = (typeof OVERRIDE_LEVELS)[number];
export type PreviewOverride = (typeof PREVIEW_OVERRIDES)[number];

export interface NotificationOverrideArgs {
  /** The service; create-only. */
  serviceId: pulumi.Input<string>;
  /** `default` (the workspace's setting), `none`, `failure` or `all` (default `default`). */
  notificationsToSend?: pulumi.Input<OverrideLevel>;
  /** `default`, `true` or `false` (default `default`). */
  previewNotificationsEnabled?: pulumi.Input<PreviewOverride>;
}

export interface NotificationOverrideInputs { serviceId: string; notificationsToSend: OverrideLevel; previewNotificationsEnabled: PreviewOverride }
export type NotificationOverrideOutputs = NotificationOverrideInputs;
