/** The `Webhook` resource class: the only file of this kind that loads `@pulumi/pulumi`. */
import * as pulumi from "@pulumi/pulumi";
import { makeProvider } from "../runtimeProvider";
import type { WebhookArgs, WebhookEvent } from "./types";

/** A workspace webhook: Render POSTs the chosen events, signed with `secret`. */
export class Webhook extends pulumi.dynamic.Resource {
  declare readonly name: pulumi.Output<string>;
  declare readonly url: pulumi.Output<string>;
  declare readonly enabled: pulumi.Output<boolean>;
  declare readonly eventFilter: pulumi.Output<WebhookEvent[]>;
  declare readonly ownerId: pulumi.Output<string>;
  /** The signing secret. Secret. */
  declare readonly secret: pulumi.Output<string>;

  constructor(name: string, args: WebhookArgs, opts?: pulumi.CustomResourceOptions) {
    super(makeProvider("Webhook"), name, { enabled: undefined, eventFilter: undefined, ownerId: undefined, ...args, secret: undefined },
      pulumi.mergeOptions(opts, { additionalSecretOutputs: ["secret"] }), "render", "Webhook");
  }
}
