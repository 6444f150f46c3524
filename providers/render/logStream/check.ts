/** Pure validation of the workspace log stream. */
import { z } from "zod";
import { secretText } from "../kindProvider";
import { oneOf, text } from "../validate";
import { LOG_ENDPOINT_RE, LOG_SETTINGS } from "./fields";

export const logEndpoint = () => text("a syslog endpoint host:port, e.g. logs.example.com:6514", LOG_ENDPOINT_RE);

export function logStreamSchema() {
  return z.strictObject({
    endpoint: logEndpoint().optional(),
    token: secretText("a log stream token").optional(),
    preview: oneOf(LOG_SETTINGS, "a preview log setting").default("send"),
    ownerId: text("a workspace id (tea-…)", /^(tea|usr)-\S+$/).optional(),
  }).superRefine((v, ctx) => {
    if (v.token !== undefined && v.endpoint === undefined) {
      ctx.addIssue({ code: "custom", path: ["endpoint"], message: "required with token; set the syslog endpoint host:port the token belongs to" });
    }
  });
}
