/** Workspace log stream fields (spec `/logs/streams/owner/{ownerId}`; Terraform `render_log_stream`). */
import type { KindFields } from "../kindProvider";

export const LOG_SETTINGS = ["send", "drop"] as const;

/** Render streams logs over syslog with TLS: a host and a port. */
export const LOG_ENDPOINT_RE = /^[A-Za-z0-9.-]+\.[A-Za-z]{2,}:\d{1,5}$/;

export const FIELDS: KindFields = {
  keys: ["endpoint", "token", "preview", "ownerId"],
  createOnly: ["ownerId"],
  serverDefaulted: ["ownerId"],
  writeOnly: ["token"],
};
