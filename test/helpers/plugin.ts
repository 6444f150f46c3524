/** Plugin-level test helpers: serialize a dynamic provider exactly as `pulumi.dynamic.Resource` does. */
import * as pulumi from "@pulumi/pulumi";

/** The `__provider` text the engine would store for this provider object. */
export async function serializeProvider(provider: pulumi.dynamic.ResourceProvider): Promise<string> {
  const serialized = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
  return serialized.text;
}
