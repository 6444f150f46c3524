/**
 * `ServiceEndpoint`: where a Render service answers, read once from its id (see referenceProvider.ts) with one
 * GET. The slug (the private hostname) and the public URL are fixed when Render creates the service.
 */
import type { RenderClient } from "./client";
import type { ServiceEndpointOutputs } from "./inputs";
import { ReferenceProvider, type ReferenceSpec } from "./referenceProvider";

/** Render's default `$PORT`, which private services listen on unless they bind another. */
const RENDER_DEFAULT_PORT = 10000;

export const serviceEndpointSpec: ReferenceSpec = {
  field: "serviceId",
  rule: "the id of a Render service (srv-…)",
  async fetch(api: RenderClient, id: string): Promise<Omit<ServiceEndpointOutputs, "serviceId">> {
    const service = await api.getService(id);
    const url = (service.serviceDetails as { url?: string | null }).url ?? "";
    return {
      url, host: service.slug, hostport: `${service.slug}:${RENDER_DEFAULT_PORT}`, slug: service.slug,
      onrenderHost: url.startsWith("https://") ? new URL(url).hostname : "",
    };
  },
};

/** What the `ServiceEndpoint` resource runs in the plugin (loaded there from the runtime bundle, see runtime.ts). */
export const serviceEndpointProvider = new ReferenceProvider(serviceEndpointSpec);
