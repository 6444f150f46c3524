/**
 * Child-process entry that runs a Pulumi program under a mock resource monitor. Every RegisterResource,
 * ReadResource and Invoke goes to the parent (the sandbox engine) over IPC; the answers become the resources'
 * outputs. The request objects are those the engine would receive, so options (protect, dependsOn, aliases,
 * additionalSecretOutputs, …) arrive as sent by the SDK, after parent inheritance.
 */
import * as resproto from "@pulumi/pulumi/proto/resource_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { installTranspileCache } from "../emulator/transpileCache";
import { AliasSpec, aliasUrns, makeUrn } from "./urns";
import { ChildMessage, ParentMessage, Registration, RunnerArgs, STEP_FAILED } from "./protocol";
import { PropertyMap, fromStruct, shareLargeStrings, toStruct } from "./wire";

/* eslint-disable @typescript-eslint/no-var-requires */
// Internal SDK modules: the same entry points `pulumi.runtime.setMocks` and the language host use.
const settings = require("@pulumi/pulumi/runtime/settings") as {
  setMockOptions(monitor: unknown, project: string, stack: string, preview: boolean, org: string): void;
  waitForRPCs(): Promise<void>;
};
const runtimeState = require("@pulumi/pulumi/runtime/state") as { getStore(): Record<string, unknown> };
const stackModule = require("@pulumi/pulumi/runtime/stack") as {
  runInPulumiStack(init: () => Promise<unknown>): Promise<unknown>;
  registerStackTransformation(t: (args: { type: string; name: string; props: Record<string, unknown> }) => undefined): void;
};

const debuggable = require("@pulumi/pulumi/runtime/debuggable") as {
  debugPromiseLeaks: boolean;
  debuggablePromise<T>(p: Promise<T>, ctx: unknown): Promise<T>;
};

type Callback = (err: Error | null, res?: unknown) => void;

/**
 * The SDK records a stack trace on every promise it tracks, only to print it when `PULUMI_DEBUG_PROMISE_LEAKS`
 * asks for leak details; a large program holds tens of thousands of them. Without that variable the trace is
 * left empty (leaks are still detected and reported, as the language host does).
 */
function skipPromiseStackTraces(): void {
  if (debuggable.debugPromiseLeaks) return;
  const track = debuggable.debuggablePromise;
  debuggable.debuggablePromise = <T>(p: Promise<T>, ctx: unknown): Promise<T> => {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      return track(p, ctx);
    } finally {
      Error.stackTraceLimit = limit;
    }
  };
}

class ParentLink {
  private seq = 0;
  private pending = new Map<number, (msg: Extract<ParentMessage, { kind: "reply" }>) => void>();
  private starts: Array<Extract<ParentMessage, { kind: "start" }>> = [];
  private onStart: ((msg: Extract<ParentMessage, { kind: "start" }>) => void) | undefined;

  constructor() {
    process.on("message", (received: ParentMessage) => {
      // Every answered registration carries its `__provider` text; the resource's outputs keep one shared copy.
      const msg = shareLargeStrings(received);
      if (msg.kind === "start") {
        if (this.onStart) this.onStart(msg);
        else this.starts.push(msg);
        return;
      }
      const resolve = this.pending.get(msg.seq);
      this.pending.delete(msg.seq);
      this.holdOpen();
      resolve?.(msg);
    });
  }

  /** Waits for the parent's go signal for the next pass. */
  nextStart(): Promise<Extract<ParentMessage, { kind: "start" }>> {
    const queued = this.starts.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve) => {
      this.onStart = (msg) => {
        this.onStart = undefined;
        this.holdOpen();
        resolve(msg);
      };
      this.holdOpen();
    });
  }

  ask(msg: { kind: "register"; registration: Registration } | { kind: "invoke"; token: string; args: PropertyMap }) {
    const seq = ++this.seq;
    return new Promise<Extract<ParentMessage, { kind: "reply" }>>((resolve) => {
      this.pending.set(seq, resolve);
      this.holdOpen();
      send({ ...msg, seq } as ChildMessage);
    });
  }

  /**
   * The IPC channel keeps the process alive only while an answer or the next go signal is awaited: when a
   * registration fails, the SDK leaves its dependents pending forever (the real engine ends the program
   * then), and the event loop running dry is how the runner learns that the program is finished.
   */
  holdOpen(): void {
    const channel = process.channel as unknown as { ref(): void; unref(): void } | undefined;
    if (this.pending.size > 0 || this.onStart) channel?.ref();
    else channel?.unref();
  }
}

function send(msg: ChildMessage): void {
  process.send!(msg);
}

class SandboxMonitor {
  private readonly aliasesByUrn = new Map<string, string[]>();
  /** Output names by `type::name`, recorded by a stack transformation (the request carries only set inputs). */
  readonly outputNames = new Map<string, string[]>();

  constructor(private readonly args: RunnerArgs, private readonly link: ParentLink) {}

  registerResource(req: resproto.RegisterResourceRequest, cb: Callback): void {
    const parent = req.getParent() || undefined;
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
    this.link.ask({ kind: "invoke", token: req.getTok(), args: fromStruct(req.getArgs()) }).then((reply) => {
      if (reply.error) return cb(new Error(reply.error));
      const res = new provproto.InvokeResponse();
      res.setReturn(toStruct(reply.state));
      cb(null, res);
    });
  }

  registerResourceOutputs(req: resproto.RegisterResourceOutputsRequest, cb: Callback): void {
    send({ kind: "outputs", urn: req.getUrn(), outputs: fromStruct(req.getOutputs()) });
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

  private forward(registration: Registration, cb: Callback,
    build: (reply: { id?: string; state?: PropertyMap }) => unknown): void {
    this.link.ask({ kind: "register", registration }).then((reply) => {
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

/**
 * Runs passes until the parent disconnects. A program whose entry exports a function is run again in this
 * process for the next pass (after a runtime reset), which keeps its serialized providers; a program made of
 * top-level code can run only once per process.
 */
async function main(args: RunnerArgs): Promise<void> {
  // Cached transpiled program files save most of a new process's start-up time.
  installTranspileCache(process.cwd());
  skipPromiseStackTraces();
  const link = new ParentLink();
  const monitor = new SandboxMonitor(args, link);
  let errors = new Set<string>();
  const record = (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    if (!message.includes(STEP_FAILED)) errors.add(message);
    // As `pulumi.log.error` does: a failed program is not also warned about the promises it left pending.
    (runtimeState.getStore() as { logErrorCount: number }).logErrorCount++;
  };
  process.on("unhandledRejection", record);
  process.on("uncaughtException", record);
  let finishPass: (() => void) | undefined;
  process.on("beforeExit", () => finishPass?.());
  process.on("disconnect", () => process.exit(0));

  for (;;) {
    const start = await link.nextStart();
    errors = new Set();
    settings.setMockOptions(monitor, args.project, args.stack, start.preview, args.organization);
    Object.assign(runtimeState.getStore(), {
      supportsSecrets: true, supportsResourceReferences: false, supportsOutputValues: false, supportsDeletedWith: true,
      supportsReplaceWith: true, supportsAliasSpecs: true, supportsTransforms: false, supportsParameterization: true,
      supportsResourceHooks: false, supportsErrorHooks: false,
    });
    let rerunnable = false;
    let loading = false;
    let topLevelResources = false;
    const passDone = new Promise<boolean>((resolve) => { finishPass = () => resolve(false); });
    const program = (async () => {
      await stackModule.runInPulumiStack(async () => {
        stackModule.registerStackTransformation(({ type, name, props }) => {
          monitor.outputNames.set(`${type}::${name}`, Object.keys(props).filter((k) => props[k] === undefined));
          topLevelResources ||= loading;
          return undefined;
        });
        loading = true;
        const mod = require(args.program) as Record<string, unknown> & { default?: unknown };
        loading = false;
        if (typeof mod.default !== "function") return mod.default ?? mod;
        // Resources created while the modules load would be missing from a second run of the function.
        rerunnable = !topLevelResources;
        return await (mod.default as () => unknown)();
      }).catch(record);
      await settings.waitForRPCs().catch(record);
      return true;
    })();
    link.holdOpen();
    const completed = await Promise.race([program, passDone]);
    finishPass = undefined;
    const again = completed && rerunnable && errors.size === 0;
    send({ kind: "done", errors: [...errors], completed, rerunnable: again });
    if (!again) break;
  }
  process.disconnect();
}

if (require.main === module) {
  main(JSON.parse(process.env.SANDBOX_RUNNER_ARGS ?? "{}") as RunnerArgs).catch((err) => {
    console.error(err instanceof Error ? err.stack : err);
    process.exit(1);
  });
}

