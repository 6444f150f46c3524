/**
 * Runs one pass of a Pulumi program under a mock resource monitor, as the language host would: every
 * RegisterResource, ReadResource and Invoke goes to the engine through an `EngineLink`, and the answers become
 * the resources' outputs. The request objects are those the engine would receive, so options (protect,
 * dependsOn, aliases, additionalSecretOutputs, …) arrive as sent by the SDK, after parent inheritance.
 *
 * Each pass gets a fresh SDK runtime store (as the Automation API's inline programs do) and reloads the
 * program's own modules, so one process runs the preview and then the apply, top-level code included.
 * The engine runs it in its own process (inlineProgram.ts).
 */
import * as path from "path";
import * as resproto from "@pulumi/pulumi/proto/resource_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { AliasSpec, aliasUrns, makeUrn } from "./urns";
import { Registration, RunnerArgs, STEP_FAILED } from "./protocol";
import { PropertyMap, fromStruct, toStruct } from "./wire";

/* eslint-disable @typescript-eslint/no-var-requires */
// Internal SDK modules: the same entry points `pulumi.runtime.setMocks` and the Automation API's server use.
const settings = require("@pulumi/pulumi/runtime/settings") as {
  resetOptions(project: string, stack: string, parallel: number, engineAddr: string, monitorAddr: string,
    preview: boolean, organization: string): void;
  waitForRPCs(): Promise<void>;
};
const runtimeState = require("@pulumi/pulumi/runtime/state") as {
  getStore(): RuntimeStore;
  getGlobalStore(): RuntimeStore;
  withLocalStorage<T>(fn: () => Promise<T>): Promise<T>;
};
const runtimeConfig = require("@pulumi/pulumi/runtime/config") as {
  setAllConfig(config: Record<string, string>, secretKeys: string[]): void;
};
const stackModule = require("@pulumi/pulumi/runtime/stack") as {
  runInPulumiStack(init: () => Promise<unknown>): Promise<unknown>;
  registerStackTransformation(t: (args: { type: string; name: string; props: Record<string, unknown> }) => undefined): void;
};
const debuggable = require("@pulumi/pulumi/runtime/debuggable") as {
  debugPromiseLeaks: boolean;
  debuggablePromise<T>(p: Promise<T>, ctx: unknown): Promise<T>;
};

// The inspector session the SDK's closure serializer uses to look into functions (dynamic providers).
const v8Hooks = require("@pulumi/pulumi/runtime/closure/v8Hooks") as {
  getSessionAsync(): Promise<import("inspector").Session>;
};

interface RuntimeStore {
  settings: { monitor?: unknown; engine?: { close(): void } };
  logErrorCount: number;
  stackResource?: unknown;
  leakCandidates: Set<unknown>;
}

type Callback = (err: Error | null, res?: unknown) => void;

const DYNAMIC_TYPE_PREFIX = "pulumi-nodejs:dynamic/";

export type EngineReply = { id?: string; state?: PropertyMap; error?: string };

/** How the program's requests reach the engine. */
export interface EngineLink {
  register(registration: Registration): Promise<EngineReply>;
  invoke(token: string, args: PropertyMap): Promise<EngineReply>;
  outputs(urn: string, outputs: PropertyMap): void;
}

let promiseTrackingLightened = false;

/**
 * The SDK wraps each of its promises (tens per resource: every output's value, known and secret flags) in two
 * more, with a stack trace and an entry in a set, only to list the ones still pending when the process exits.
 * The engine does not use that list: a pass that can no longer finish is noticed as it stops (`stalled`). So
 * unless `PULUMI_DEBUG_PROMISE_LEAKS` asks for leak details, the promises are left as they are.
 */
function lightenPromiseTracking(): void {
  if (promiseTrackingLightened || debuggable.debugPromiseLeaks) return;
  promiseTrackingLightened = true;
  debuggable.debuggablePromise = <T>(p: Promise<T>): Promise<T> => p;
}

class SandboxMonitor {
  private readonly aliasesByUrn = new Map<string, string[]>();
  /** A dynamic resource was registered: the SDK serialized its provider. */
  serializedProviders = false;
  /** Output names by `type::name`, recorded by a stack transformation (the request carries only set inputs). */
  readonly outputNames = new Map<string, string[]>();

  constructor(private readonly args: RunnerArgs, private readonly link: EngineLink) {}

  registerResource(req: resproto.RegisterResourceRequest, cb: Callback): void {
    const parent = req.getParent() || undefined;
    this.serializedProviders ||= req.getType().startsWith(DYNAMIC_TYPE_PREFIX);
    const urn = makeUrn(this.args.stack, this.args.project, parent, req.getType(), req.getName());
    const registration: Registration = {
      urn, type: req.getType(), name: req.getName(), parent, custom: req.getCustom(),
      inputs: fromStruct(req.getObject()),
      provider: req.getProvider() || undefined,
      dependencies: req.getDependenciesList(),
      protect: req.hasProtect() ? req.getProtect() : undefined,
      retainOnDelete: req.hasRetainondelete() ? req.getRetainondelete() : undefined,
      deleteBeforeReplace: req.getDeletebeforereplace(),
      additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
      ignoreChanges: req.getIgnorechangesList(),
      aliases: this.aliases(urn, req, parent),
      outputNames: this.outputNames.get(`${req.getType()}::${req.getName()}`) ?? [],
    };
    this.forward(registration, cb, (reply) => {
      const res = new resproto.RegisterResourceResponse();
      res.setUrn(urn);
      res.setId(reply.id ?? "");
      res.setObject(toStruct(reply.state));
      return res;
    });
  }

  readResource(req: resproto.ReadResourceRequest, cb: Callback): void {
    const parent = req.getParent() || undefined;
    const urn = makeUrn(this.args.stack, this.args.project, parent, req.getType(), req.getName());
    const registration: Registration = {
      urn, type: req.getType(), name: req.getName(), parent, custom: true, inputs: fromStruct(req.getProperties()),
      provider: req.getProvider() || undefined, dependencies: req.getDependenciesList(),
      deleteBeforeReplace: false, additionalSecretOutputs: req.getAdditionalsecretoutputsList(), ignoreChanges: [],
      aliases: [], outputNames: [], readId: req.getId(),
    };
    this.forward(registration, cb, (reply) => {
      const res = new resproto.ReadResourceResponse();
      res.setUrn(urn);
      res.setProperties(toStruct(reply.state));
      return res;
    });
  }

  invoke(req: resproto.ResourceInvokeRequest, cb: Callback): void {
    this.link.invoke(req.getTok(), fromStruct(req.getArgs())).then((reply) => {
      if (reply.error !== undefined) return cb(new Error(reply.error));
      const res = new provproto.InvokeResponse();
      res.setReturn(toStruct(reply.state));
      cb(null, res);
    });
  }

  registerResourceOutputs(req: resproto.RegisterResourceOutputsRequest, cb: Callback): void {
    this.link.outputs(req.getUrn(), fromStruct(req.getOutputs()));
    cb(null, {});
  }

  supportsFeature(req: resproto.SupportsFeatureRequest, cb: Callback): void {
    const id = req.getId();
    cb(null, { getHassupport: () => id !== "outputValues" && id !== "transforms" && id !== "invokeTransforms" });
  }

  registerPackage(_req: unknown, cb: Callback): void {
    const res = new resproto.RegisterPackageResponse();
    res.setRef("sandbox-package");
    cb(null, res);
  }

  private forward(registration: Registration, cb: Callback, build: (reply: EngineReply) => unknown): void {
    this.link.register(registration).then((reply) => {
      if (reply.error !== undefined) return cb(new Error(`${STEP_FAILED} ${reply.error}`));
      cb(null, build(reply));
    });
  }

  private aliases(urn: string, req: resproto.RegisterResourceRequest, parent: string | undefined): string[] {
    const specs: AliasSpec[] = [];
    const urns: string[] = [...req.getAliasurnsList()];
    for (const alias of req.getAliasesList()) {
      if (alias.hasUrn()) urns.push(alias.getUrn());
      const spec = alias.getSpec();
      if (!spec) continue;
      specs.push({
        name: spec.getName() || undefined, type: spec.getType() || undefined,
        stack: spec.getStack() || undefined, project: spec.getProject() || undefined,
        parentUrn: spec.getNoparent() ? null : spec.getParenturn() || undefined,
      });
    }
    const result = aliasUrns({
      stack: this.args.stack, project: this.args.project, type: req.getType(), name: req.getName(),
      parentUrn: parent, specs, urns, parentAliases: parent ? this.aliasesByUrn.get(parent) ?? [] : [],
    });
    this.aliasesByUrn.set(urn, result);
    return result;
  }
}

export interface PassSetup {
  readonly args: RunnerArgs;
  readonly preview: boolean;
  readonly link: EngineLink;
  /** Stack config as `PULUMI_CONFIG` holds it (`project:key` → string). */
  readonly config: Record<string, string>;
  readonly secretKeys: readonly string[];
  /** The engine service for `pulumi.log`; without it the SDK prints log messages. */
  readonly engineAddress?: string;
  /** Resolves when the program can no longer finish: it waits on values that will never come. */
  readonly stalled: Promise<void>;
}

export interface PassOutcome {
  /** Errors of the program itself (config validation, exceptions), not of provider steps. */
  readonly errors: string[];
  /** The program ran to its end (false when it stopped waiting on values a failed registration never gave). */
  readonly completed: boolean;
}

/**
 * Errors the process reports while a pass runs (a program's unhandled rejections) belong to that pass. One
 * listener pair per process, installed on first use: a program's promises may still reject after its pass.
 */
let passErrors: ((err: unknown) => void) | undefined;
let processListeners = false;

function listenForProgramErrors(): void {
  if (processListeners) return;
  processListeners = true;
  const report = (err: unknown) => passErrors?.(err);
  process.on("unhandledRejection", report);
  process.on("uncaughtException", report);
}

/** Runs the program once against `setup.link` in a fresh runtime store, then unloads its own modules. */
export async function runProgramPass(setup: PassSetup): Promise<PassOutcome> {
  lightenPromiseTracking();
  listenForProgramErrors();
  const { args } = setup;
  const errors = new Set<string>();
  const loadedBefore = new Set(Object.keys(require.cache));
  const monitor = new SandboxMonitor(args, setup.link);
  // The SDK's process-wide store (package and module registries) is created on first use; created during a
  // pass, its promises would belong to that pass and keep it alive.
  runtimeState.getGlobalStore();
  try {
    return await runtimeState.withLocalStorage(async () => {
      settings.resetOptions(args.project, args.stack, -1, setup.engineAddress ?? "", "mock", setup.preview, args.organization);
      runtimeConfig.setAllConfig(setup.config, [...setup.secretKeys]);
      const store = runtimeState.getStore();
      store.settings.monitor = monitor;
      Object.assign(store, {
        supportsSecrets: true, supportsResourceReferences: false, supportsOutputValues: false, supportsDeletedWith: true,
        supportsReplaceWith: true, supportsAliasSpecs: true, supportsTransforms: false, supportsParameterization: true,
        supportsResourceHooks: false, supportsErrorHooks: false,
      });
      passErrors = (err) => {
        const message = err instanceof Error ? err.message : String(err);
        if (!message.includes(STEP_FAILED)) errors.add(message);
        // As `pulumi.log.error` does: a failed program is not also warned about the promises it left pending.
        store.logErrorCount++;
      };
      const program = (async () => {
        await stackModule.runInPulumiStack(async () => {
          stackModule.registerStackTransformation(({ type, name, props }) => {
            monitor.outputNames.set(`${type}::${name}`, Object.keys(props).filter((k) => props[k] === undefined));
            return undefined;
          });
          const mod = require(args.program) as Record<string, unknown> & { default?: unknown };
          if (typeof mod.default !== "function") return mod.default ?? mod;
          return await (mod.default as () => unknown)();
        }).catch(passErrors!);
        await settings.waitForRPCs().catch(passErrors!);
        return true;
      })();
      const completed = await Promise.race([program, setup.stalled.then(() => false)]);
      releasePass(store);
      return { errors: [...errors], completed };
    });
  } finally {
    passErrors = undefined;
    unloadProgramModules(loadedBefore);
    if (monitor.serializedProviders) await releaseInspectedFunctions();
  }
}

/**
 * Ends the pass for the program and lets its resources go. A program stopped after a failed step keeps running
 * in this process: without a monitor, nothing it registers later reaches the engine. The SDK keeps its first
 * pass's store for a leak check at exit, and pending promises keep theirs: through the store's stack resource,
 * either would hold every resource object, output and promise of the pass while the next pass runs.
 */
function releasePass(store: RuntimeStore): void {
  // The SDK's client of the engine service (for `pulumi.log`), one per pass.
  store.settings.engine?.close();
  store.settings.engine = undefined;
  store.settings.monitor = undefined;
  store.stackResource = undefined;
  (globalThis as { stackResource?: unknown }).stackResource = undefined;
  store.leakCandidates = new Set();
}

/**
 * The closure serializer's inspector session keeps a handle on the scopes of every provider function it looked
 * into, and through them the pass's provider objects and what the SDK cached for them (the first resource of
 * each provider, its parent, and so every resource of the pass). Reconnecting the session, which the SDK keeps
 * for the next pass, drops those handles; the debugger is enabled again as the SDK left it.
 */
async function releaseInspectedFunctions(): Promise<void> {
  const session = await v8Hooks.getSessionAsync();
  session.disconnect();
  session.connect();
  await new Promise<void>((resolve, reject) => {
    session.post("Debugger.enable", (err: Error | null) => (err ? reject(err) : resolve()));
  });
}

/**
 * Forgets the modules the pass loaded from outside `node_modules` (the program's own files), so the next pass
 * runs its top-level code again. Packages stay loaded: they keep no per-run state and are costly to load.
 */
function unloadProgramModules(loadedBefore: Set<string>): void {
  const nodeModules = `${path.sep}node_modules${path.sep}`;
  const unloaded = new Set<NodeModule>();
  for (const file of Object.keys(require.cache)) {
    if (loadedBefore.has(file) || file.includes(nodeModules)) continue;
    unloaded.add(require.cache[file]!);
    delete require.cache[file];
  }
  // Nothing may reach the pass's resources through a module object: the entry's exports are the stack outputs,
  // and through them every resource of the pass. Modules that stay point at those that go (this module lists
  // the program's entry among its children; a package first required by the program names a program file as
  // its parent), and the SDK's closure serializer keeps the provider functions it inspected, whose `require`
  // leads back to their module.
  for (const mod of Object.values(require.cache)) {
    if (!mod) continue;
    if (mod.parent && unloaded.has(mod.parent)) mod.parent = undefined;
    if (mod.children.some((child) => unloaded.has(child))) mod.children = mod.children.filter((child) => !unloaded.has(child));
  }
  for (const mod of unloaded) {
    mod.parent = undefined;
    mod.children = [];
    mod.exports = {};
  }
}
