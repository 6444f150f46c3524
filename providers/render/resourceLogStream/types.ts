/** Per-resource log stream override: Args, Inputs, Outputs. */
import type * as pulumi from "@pulumi/pulumi";
import type { LogSetting } from "../logStream/types";

export interface ResourceLogStreamArgs {
  /** Service, cron job, Postgres or Key Value id; create-only. */
  resourceId: pulumi.Input<string>;
  /** `send` to `endpoint` (or the workspace default when none), or `drop` this resource's logs. */
  setting: pulumi.Input<LogSetting>;
  /** Syslog endpoint `host:port` for this resource only. */
  endpoint?: pulumi.Input<string>;
  /** Token for `endpoint`; secret, write-only at Render. */
  token?: pulumi.Input<string>;
}

export interface ResourceLogStreamInputs { resourceId: string; setting: LogSetting; endpoint?: string; token?: string }
export type ResourceLogStreamOutputs = ResourceLogStreamInputs;
