/** Pure validation of a per-resource log stream override. */
import { z } from "zod";
import { secretText } from "../kindProvider";
import { logEndpoint } from "../logStream/check";
import { LOG_SETTINGS } from "../logStream/fields";
import { oneOf, text } from "../validate";
import { STREAMED_ID_RE } from "./fields";

export function resourceLogStreamSchema() {
  return z.strictObject({
    resourceId: text("a service, cron job, Postgres or Key Value id (srv-…, crn-…, dpg-…, red-…)", STREAMED_ID_RE),
    setting: oneOf(LOG_SETTINGS, "a log stream setting"),
    endpoint: logEndpoint().optional(),
    token: secretText("a log stream token").optional(),
  }).superRefine((v, ctx) => {
    if (v.setting === "drop") {
      for (const key of ["endpoint", "token"] as const) {
        if (v[key] !== undefined) ctx.addIssue({ code: "custom", path: [key], message: `setting "drop" sends no logs; remove ${key}, or use setting "send"` });
      }
    }
    if (v.token !== undefined && v.endpoint === undefined && v.setting === "send") {
      ctx.addIssue({ code: "custom", path: ["endpoint"], message: "required with token; set the syslog endpoint host:port the token belongs to" });
    }
  });
}
