/** Workspace log stream (the default for every resource): Args, Inputs, Outputs. */
import type * as pulumi from "@pulumi/pulumi";
import type { LOG_SETTINGS } from "./fields";

export type LogSetting = (typeof LOG_SETTINGS)[number];

export interface LogStreamArgs {
  /** Syslog endpoint `host:port` (TLS), e.g. `logs.example.com:6514`. */
  endpoint?: pulumi.Input<string>;
  /** Token the log provider issued; secret, write-only at Render. */
  token?: pulumi.Input<string>;
  /** `send` (default) or `drop` logs of preview environments. */
  preview?: pulumi.Input<LogSetting>;
  /** Workspace (default: the API key's only workspace or RENDER_OWNER_ID); create-only. */
  ownerId?: pulumi.Input<string>;
}

export interface LogStreamInputs { endpoint?: string; token?: string; preview: LogSetting; ownerId?: string }
export interface LogStreamOutputs extends LogStreamInputs { ownerId: string }
