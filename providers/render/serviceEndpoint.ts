/**
 * The `ServiceEndpoint` resource class: a service's URL and hostnames, keyed by its id alone, so they stay known
 * while the service is updated. Implementation: serviceEndpointProvider.ts.
 */
import * as pulumi from "@pulumi/pulumi";
import type { ServiceEndpointArgs } from "./inputs";
import { makeProvider } from "./runtimeProvider";

/** Where a Render service answers: public URL, private host (and `host:port`), slug, onrender.com host. */
export class ServiceEndpoint extends pulumi.dynamic.Resource {
  declare readonly serviceId: pulumi.Output<string>;
  declare readonly url: pulumi.Output<string>;
  declare readonly host: pulumi.Output<string>;
  declare readonly hostport: pulumi.Output<string>;
  declare readonly slug: pulumi.Output<string>;
  declare readonly onrenderHost: pulumi.Output<string>;

  constructor(name: string, args: ServiceEndpointArgs, opts?: pulumi.CustomResourceOptions) {
    super(makeProvider("ServiceEndpoint"), name,
      { ...args, url: undefined, host: undefined, hostport: undefined, slug: undefined, onrenderHost: undefined },
      opts, "render", "ServiceEndpoint");
  }
}
