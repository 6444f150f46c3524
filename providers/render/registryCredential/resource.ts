/** The `RegistryCredential` resource class: the only file of this kind that loads `@pulumi/pulumi`. */
import * as pulumi from "@pulumi/pulumi";
import { makeProvider } from "../runtimeProvider";
import type { Registry, RegistryCredentialArgs } from "./types";

/** Credentials Render uses to pull private images (an image-backed service names it by id). */
export class RegistryCredential extends pulumi.dynamic.Resource {
  declare readonly name: pulumi.Output<string>;
  declare readonly registry: pulumi.Output<Registry>;
  declare readonly username: pulumi.Output<string>;
  /** Secret. */
  declare readonly authToken: pulumi.Output<string>;
  declare readonly ownerId: pulumi.Output<string>;

  constructor(name: string, args: RegistryCredentialArgs, opts?: pulumi.CustomResourceOptions) {
    // The token is secret in the inputs too, so state never holds it in plain text.
    super(makeProvider("RegistryCredential"), name, { ownerId: undefined, ...args, authToken: pulumi.secret(args.authToken) },
      pulumi.mergeOptions(opts, { additionalSecretOutputs: ["authToken"] }), "render", "RegistryCredential");
  }
}
