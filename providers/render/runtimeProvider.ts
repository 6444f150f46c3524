/**
 * The provider object each Render resource class hands to `pulumi.dynamic.Resource`. Pulumi serializes it into
 * every resource's `__provider`, so it holds only the kind, the packed runtime bundle (runtimeBundle.ts) and its
 * hash. In the plugin its first call unpacks the bundle, runs it through a small CommonJS loader (relative
 * requires resolve inside the bundle; npm packages through the plugin's own `require`, which resolves from the
 * program directory) and every call then goes to the kind's implementation. Errors thrown there are native
 * classes, so a `PartialCreateError` keeps its message, id and properties on the way to the engine.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ProviderImplementation, ProviderKind, RuntimeProviders } from "./runtime";
import { RUNTIME_ENTRY, runtimeBundle } from "./runtimeBundle";
import { moduleCandidates, unpackFiles } from "./runtimePack";

/** One object per kind and bundle: Pulumi caches serialized providers by identity. */
const made = new Map<string, pulumi.dynamic.ResourceProvider>();

export function makeProvider(kind: ProviderKind): pulumi.dynamic.ResourceProvider {
  const { packed, hash } = runtimeBundle();
  const key = `${hash}/${kind}`;
  let provider = made.get(key);
  if (!provider) {
    provider = bundleProvider(kind, packed, hash, RUNTIME_ENTRY);
    made.set(key, provider);
  }
  return provider;
}

/** The serialized part: plain closures over three strings, delegating to the bundled implementation. */
export function bundleProvider(kind: ProviderKind, packed: string, hash: string, entry: string): ProviderImplementation {
  const impl = (): ProviderImplementation => loadRuntime(packed, hash, entry)[kind];
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

/**
 * Loads the bundle once per process and hash (kept on `globalThis`, so every `__provider` carrying the same
 * bundle shares one copy of the modules and their state) and returns its provider implementations.
 */
export function loadRuntime(packed: string, hash: string, entry: string): RuntimeProviders {
  const loaded = globalThis as unknown as Record<symbol, RuntimeProviders | undefined>;
  const key = Symbol.for(`render-runtime/${hash}`);
  const found = loaded[key];
  if (found) return found;
  const files = unpackFiles(packed);
  const modules: Record<string, { exports: Record<string, unknown> }> = {};
  const load = (name: string): Record<string, unknown> => {
    const known = modules[name];
    if (known) return known.exports;
    const code = files[name];
    if (code === undefined) throw new Error(`render runtime ${hash}: the bundle has no module ${name}`);
    const module = { exports: {} as Record<string, unknown> };
    modules[name] = module;
    const local = (spec: string): unknown => {
      if (!spec.startsWith(".")) return require(spec);
      const candidates = moduleCandidates(name, spec);
      const target = candidates.find((c) => files[c] !== undefined);
      if (!target) throw new Error(`render runtime ${hash}: ${name} requires "${spec}", which the bundle does not hold`);
      return load(target);
    };
    const dir = name.slice(0, name.lastIndexOf("/") + 1);
    new Function("exports", "require", "module", "__filename", "__dirname", code)(module.exports, local, module, name, dir);
    return module.exports;
  };
  const providers = load(entry).RUNTIME_PROVIDERS as RuntimeProviders;
  loaded[key] = providers;
  return providers;
}
