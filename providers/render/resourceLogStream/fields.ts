/** Per-resource log stream fields (spec `/logs/streams/resource/{resourceId}`; Terraform: `log_stream_override`). */
import type { KindFields } from "../kindProvider";

export const FIELDS: KindFields = {
  keys: ["resourceId", "setting", "endpoint", "token"],
  createOnly: ["resourceId"],
  writeOnly: ["token"],
};

/** Kinds whose logs Render streams, by id prefix. */
export const STREAMED_ID_RE = /^(srv|crn|dpg|red)-\S+$/;
