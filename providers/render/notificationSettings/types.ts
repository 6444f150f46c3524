/** Workspace notification settings: Args, Inputs, Outputs. */
import type * as pulumi from "@pulumi/pulumi";
import type { NOTIFY_LEVELS } from "./fields";

export type NotifyLevel = (typeof NOTIFY_LEVELS)[number];

export interface NotificationSettingsArgs {
  /** `none`, `failure` or `all` (default: left as the workspace has it). */
  notificationsToSend?: pulumi.Input<NotifyLevel>;
  /** Email notifications (default: left as the workspace has it). */
  emailEnabled?: pulumi.Input<boolean>;
  /** Notifications for preview environments (default: left as the workspace has it). */
  previewNotificationsEnabled?: pulumi.Input<boolean>;
  /** Workspace (default: the API key's only workspace or RENDER_OWNER_ID); create-only. */
  ownerId?: pulumi.Input<string>;
}

export interface NotificationSettingsInputs {
  notificationsToSend?: NotifyLevel; emailEnabled?: boolean; previewNotificationsEnabled?: boolean; ownerId?: string;
}
export interface NotificationSettingsOutputs extends NotificationSettingsInputs {
  ownerId: string;
  /** Read-only: Slack is connected in the dashboard. */
  slackEnabled: boolean;
}
