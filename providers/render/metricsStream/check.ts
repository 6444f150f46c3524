/** Pure validation of the metrics stream. */
import { z } from "zod";
import { secretText, url } from "../kindProvider";
import { oneOf, text } from "../validate";
import { METRICS_PROVIDERS } from "./fields";

export function metricsStreamSchema() {
  return z.strictObject({
    provider: oneOf(METRICS_PROVIDERS, "a metrics provider"),
    url: url("an https URL of the provider's metrics endpoint"),
    token: secretText("a metrics provider token"),
    ownerId: text("a workspace id (tea-…)", /^(tea|usr)-\S+$/).optional(),
  });
}
