/** Pure validation of a webhook. */
import { z } from "zod";
import { url } from "../kindProvider";
import { bool, oneOf, sortedSet, text } from "../validate";
import { WEBHOOK_EVENTS } from "./fields";

export function webhookSchema() {
  return z.strictObject({
    name: text("a webhook name"),
    url: url("an https URL that receives the events"),
    enabled: bool().default(true),
    eventFilter: sortedSet(oneOf(WEBHOOK_EVENTS, "a Render webhook event")).default([]),
    ownerId: text("a workspace id (tea-…)", /^(tea|usr)-\S+$/).optional(),
  });
}
