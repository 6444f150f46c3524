/**
 * The provider object each Render resource class hands to `pulumi.dynamic.Resource`. Pulumi serializes it into
 * every resource's `__provider`, which the engine keeps in the inputs *and* the outputs of each checkpoint entry,
 * so it carries no code of ours: only the kind and the project-relative path of the runtime module (runtime.ts).
 *
 * The plugin runs with the program's directory as working directory, where `npm ci` installed the project: the
 * provider's first call loads `<program dir>/providers/render/runtimeLoader.js`, which runs runtime.ts and the
 * modules it requires from the project's own sources, transpiled on the fly with the project's `typescript` (a
 * run-time dependency; no type checking), and every call then goes to the kind's implementation. So `pulumi refresh` and `pulumi destroy` work
 * from a fresh clone after `npm ci` without running the program, and a checkpoint stays small (a few hundred bytes
 * of `__provider` per copy). The price: a delete runs the installed runtime, not the one of the resource's last
 * update, so runtime.ts keeps reading every state it ever wrote (RUNTIME_PROVIDERS and each kind's outputs are
 * a stable contract). State written with the earlier, self-contained `__provider` (the packed runtime, ~42 KB)
 * still carries its own code and keeps running it.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ProviderImplementation, ProviderKind, RuntimeProviders } from "./runtime";

/** The runtime's entry (runtimeLoader.js), relative to the program directory: the plugin's working directory. */
export const RUNTIME_MODULE = "providers/render/runtimeLoader.js";

/** One object per kind: Pulumi caches serialized providers by identity. */
const made = new Map<string, pulumi.dynamic.ResourceProvider>();

export function makeProvider(kind: ProviderKind): pulumi.dynamic.ResourceProvider {
  let provider = made.get(kind);
  if (!provider) {
    provider = projectProvider(kind, RUNTIME_MODULE);
    made.set(kind, provider);
  }
  return provider;
}

/**
 * The serialized part: plain closures over two strings, delegating to the project's runtime. Node's module cache
 * loads it once per process, so every kind's `__provider` shares one copy of the modules and their state (such
 * as the configured client).
 */
export function projectProvider(kind: ProviderKind, modulePath: string): ProviderImplementation {
  const impl = (): ProviderImplementation => {
    const file: string = require("path").resolve(process.cwd(), modulePath);
    try {
      return (require(file) as { RUNTIME_PROVIDERS: RuntimeProviders }).RUNTIME_PROVIDERS[kind];
    } catch (err) {
      throw new Error(`Render provider runtime ${file}: ${(err as Error).message}; run pulumi in the project directory after npm ci`);
    }
  };
  return {
    configure: (req) => impl().configure(req),
    check: (olds, news) => impl().check(olds, news),
    diff: (id, olds, news) => impl().diff(id, olds, news),
    create: (inputs) => impl().create(inputs),
    read: (id, props) => impl().read(id, props),
    update: (id, olds, news) => impl().update(id, olds, news),
    delete: (id, props) => impl().delete(id, props),
  };
}
