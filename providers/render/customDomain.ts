/**
 * The `CustomDomain` resource class. Its provider is a small loader for the runtime bundle (runtimeProvider.ts): the
 * implementation lives in customDomainProvider.ts.
 */
import * as pulumi from "@pulumi/pulumi";
import type { CustomDomainArgs } from "./inputs";
import { makeProvider } from "./runtimeProvider";

/** A custom domain name on a web service or static site (point its DNS at the service's onrender.com host). */
export class CustomDomain extends pulumi.dynamic.Resource {
  declare readonly serviceId: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string>;
  declare readonly domainId: pulumi.Output<string>;
  declare readonly domainType: pulumi.Output<string>;
  declare readonly verificationStatus: pulumi.Output<string>;
  declare readonly redirectForName: pulumi.Output<string>;

  constructor(name: string, args: CustomDomainArgs, opts?: pulumi.CustomResourceOptions) {
    super(makeProvider("CustomDomain"), name,
      { ...args, domainId: undefined, domainType: undefined, verificationStatus: undefined, redirectForName: undefined },
      opts, "render", "CustomDomain");
  }
}
