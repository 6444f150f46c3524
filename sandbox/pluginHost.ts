/**
 * Runs the real dynamic-provider plugin (`@pulumi/pulumi/cmd/dynamic-provider`) the way the engine does and
 * speaks its gRPC protocol: one process per host, the program directory as working directory.
 */
import { ChildProcess, spawn } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as statusproto from "@pulumi/pulumi/proto/status_pb";
import { leanNodeEnv, leanNodeFlags } from "./leanNode";
import { PropertyMap, fromStruct, revealSecrets, toStruct } from "./wire";

export interface PluginHostOptions {
  /** Program directory: the plugin resolves every `require` in serialized code from here. */
  cwd: string;
  /** Project name, exported as `PULUMI_NODEJS_PROJECT` so `config.get` finds namespaced keys. */
  project: string;
  stack?: string;
  /** Extra environment for the plugin (e.g. `RENDER_API_URL`, `RENDER_API_KEY`, `RENDER_OWNER_ID`). */
  env?: Record<string, string | undefined>;
  /** The engine service: provider code's `pulumi.log` messages go there (else to the plugin's stderr). */
  engineAddress?: string;
  /** Milliseconds to wait for the plugin to print its port (default 20000). */
  startTimeoutMs?: number;
}

export interface CheckFailure {
  property: string;
  reason: string;
}

export interface CheckResult {
  inputs: PropertyMap;
  failures: CheckFailure[];
}

export type DiffChanges = "some" | "none" | "unknown";

export interface DiffResult {
  changes: DiffChanges;
  replaces: string[];
  deleteBeforeReplace: boolean;
}

export interface CreateResult {
  id: string;
  properties: PropertyMap;
}

export interface ReadResult {
  /** Empty when the provider says the resource is gone. */
  id: string;
  properties: PropertyMap;
  inputs?: PropertyMap;
}

/** A provider call failed; `message` is the provider's own error message. */
export class PluginCallError extends Error {
  constructor(readonly method: string, readonly urn: string, message: string) {
    super(message);
    this.name = "PluginCallError";
  }
}

/**
 * The provider created the object but it failed to initialise (`ErrorResourceInitFailed`): the engine records
 * the resource with this id and these properties instead of losing it.
 */
export class ResourceInitError extends PluginCallError {
  constructor(method: string, urn: string, message: string, readonly id: string,
    readonly properties: PropertyMap, readonly reasons: string[]) {
    super(method, urn, message);
    this.name = "ResourceInitError";
  }
}

export interface PluginHost {
  readonly port: number;
  readonly pid: number;
  configure(config: Record<string, string>): Promise<void>;
  check(urn: string, olds: PropertyMap, news: PropertyMap): Promise<CheckResult>;
  diff(id: string, urn: string, olds: PropertyMap, news: PropertyMap): Promise<DiffResult>;
  create(urn: string, props: PropertyMap, opts?: { preview?: boolean }): Promise<CreateResult>;
  read(id: string, urn: string, props: PropertyMap, inputs?: PropertyMap): Promise<ReadResult>;
  update(id: string, urn: string, olds: PropertyMap, news: PropertyMap, opts?: { preview?: boolean }): Promise<PropertyMap>;
  delete(id: string, urn: string, props: PropertyMap): Promise<void>;
  /** What the plugin wrote to stderr so far (stack traces of failed calls). */
  stderr(): string;
  close(): Promise<void>;
}


/**
 * The plugin keeps one deserialized provider per distinct `__provider` text and nothing per resource, so its live
 * heap stays near 60 MB whatever the stack's size, while every call's messages are garbage at once: a 1 MB
 * young generation and lean growth (leanNode.ts) keep its heap near that.
 */
const PLUGIN_YOUNG_MB = 1;

/**
 * Preloaded into the plugin: it exits when the process that started it is gone, however that one ended (a
 * `kill -9` runs no exit handler). The starter holds the write end of the plugin's stdin; the kernel closes it
 * when the starter dies, and the plugin sees the end of its input.
 */
const PARENT_WATCH = `"use strict";
const exit = () => process.exit(0);
process.stdin.on("end", exit);
process.stdin.on("close", exit);
process.stdin.on("error", exit);
process.stdin.resume();
`;

/** The preload as a file (written once, beside the transpile cache in the project's node_modules/.cache). */
export function parentWatchFile(): string {
  const dir = path.join(__dirname, "..", "node_modules", ".cache", "render-stages-transpile");
  const file = path.join(dir, `parent-watch-${crypto.createHash("sha1").update(PARENT_WATCH).digest("hex").slice(0, 12)}.js`);
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(dir, { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, PARENT_WATCH);
  fs.renameSync(temp, file);
  return file;
}

export async function startPluginHost(opts: PluginHostOptions): Promise<PluginHost> {
  const env: NodeJS.ProcessEnv = { ...leanNodeEnv(process.env), PULUMI_NODEJS_PROJECT: opts.project };
  if (opts.stack) env.PULUMI_NODEJS_STACK = opts.stack;
  if (opts.engineAddress) env.PULUMI_NODEJS_ENGINE = opts.engineAddress;
  for (const [k, v] of Object.entries(opts.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  // `node_modules/@pulumi/pulumi/cmd/dynamic-provider`, found from the program directory as Node would.
  const entry = require.resolve("@pulumi/pulumi/cmd/dynamic-provider", { paths: [opts.cwd] });
  // The plugin's one argument is the engine's address; the SDK inside it finds the engine through the env var.
  const child = spawn(process.execPath, [...leanNodeFlags(PLUGIN_YOUNG_MB), "-r", parentWatchFile(), entry, opts.engineAddress ?? "127.0.0.1:1"], {
    cwd: opts.cwd, env, stdio: ["pipe", "pipe", "pipe"],
  });
  // Never written to: its end is the plugin's signal that this process is gone.
  child.stdin!.on("error", () => undefined);
  // The plugin does not outlive this process, however it ends (a crash, a stopped run): a leftover plugin would
  // keep working for nobody.
  const killPlugin = () => { if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL"); };
  process.once("exit", killPlugin);
  child.once("exit", () => process.off("exit", killPlugin));
  let stderr = "";
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => { stderr += chunk; });
  const port = await readPort(child, opts.startTimeoutMs ?? 20000, () => stderr);
  const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(),
    // An init failure carries the resource's properties (with its `__provider` text) in trailing metadata;
    // grpc-js caps metadata at 8 KB by default, Go's engine at 16 MB. Provider calls are not retried by the
    // channel (a Create must never be sent twice), so it need not keep a copy of every request in flight.
    {
      "grpc.max_receive_message_length": 64 * 1024 * 1024, "grpc.max_metadata_size": 16 * 1024 * 1024,
      "grpc.enable_retries": 0,
    });
  return new GrpcPluginHost(child, client, port, () => stderr);
}

function readPort(child: ChildProcess, timeoutMs: number, stderr: () => string): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = "";
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(new Error(`dynamic-provider plugin ${why}${stderr() ? `:\n${stderr().trim()}` : ""}`));
    };
    const timer = setTimeout(() => fail(`printed no port within ${timeoutMs} ms`), timeoutMs);
    child.on("exit", (code) => fail(`exited with code ${code} before printing its port`));
    child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
      out += chunk;
      const newline = out.indexOf("\n");
      if (newline < 0) return;
      const port = Number(out.slice(0, newline).trim().split(":").pop());
      clearTimeout(timer);
      child.removeAllListeners("exit");
      if (Number.isInteger(port) && port > 0) resolve(port);
      else fail(`printed "${out.slice(0, newline)}" instead of a port`);
    });
  });
}

type Callback<Res> = (err: grpc.ServiceError | null, res: Res) => void;

class GrpcPluginHost implements PluginHost {
  readonly pid: number;
  private exited: Promise<void>;

  constructor(private readonly child: ChildProcess, private readonly client: provrpc.ResourceProviderClient,
    readonly port: number, readonly stderr: () => string) {
    this.pid = child.pid ?? -1;
    this.exited = new Promise((resolve) => child.once("exit", () => resolve()));
  }

  async configure(config: Record<string, string>): Promise<void> {
    const req = new provproto.ConfigureRequest();
    req.setArgs(toStruct(config));
    req.setAcceptsecrets(false);
    req.setAcceptresources(false);
    await this.call("Configure", "", (cb: Callback<provproto.ConfigureResponse>) => this.client.configure(req, cb));
  }

  async check(urn: string, olds: PropertyMap, news: PropertyMap): Promise<CheckResult> {
    const req = new provproto.CheckRequest();
    req.setUrn(urn);
    req.setOlds(toStruct(revealSecrets(olds) as PropertyMap));
    req.setNews(toStruct(revealSecrets(news) as PropertyMap));
    const res = await this.call("Check", urn, (cb: Callback<provproto.CheckResponse>) => this.client.check(req, cb));
    return {
      inputs: fromStruct(res.getInputs()),
      failures: res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
    };
  }

  async diff(id: string, urn: string, olds: PropertyMap, news: PropertyMap): Promise<DiffResult> {
    const req = new provproto.DiffRequest();
    req.setId(id);
    req.setUrn(urn);
    req.setOlds(toStruct(revealSecrets(olds) as PropertyMap));
    req.setNews(toStruct(revealSecrets(news) as PropertyMap));
    const res = await this.call("Diff", urn, (cb: Callback<provproto.DiffResponse>) => this.client.diff(req, cb));
    const codes = provproto.DiffResponse.DiffChanges;
    const changes: DiffChanges = res.getChanges() === codes.DIFF_SOME ? "some"
      : res.getChanges() === codes.DIFF_NONE ? "none" : "unknown";
    return { changes, replaces: res.getReplacesList(), deleteBeforeReplace: res.getDeletebeforereplace() };
  }

  /** In preview the engine does not call a plugin without preview support; it echoes the inputs. */
  async create(urn: string, props: PropertyMap, opts: { preview?: boolean } = {}): Promise<CreateResult> {
    if (opts.preview) return { id: "", properties: props };
    const req = new provproto.CreateRequest();
    req.setUrn(urn);
    req.setProperties(toStruct(revealSecrets(props) as PropertyMap));
    const res = await this.call("Create", urn, (cb: Callback<provproto.CreateResponse>) => this.client.create(req, cb));
    return { id: res.getId(), properties: fromStruct(res.getProperties()) };
  }

  async read(id: string, urn: string, props: PropertyMap, inputs: PropertyMap = {}): Promise<ReadResult> {
    const req = new provproto.ReadRequest();
    req.setId(id);
    req.setUrn(urn);
    req.setProperties(toStruct(revealSecrets(props) as PropertyMap));
    req.setInputs(toStruct(revealSecrets(inputs) as PropertyMap));
    const res = await this.call("Read", urn, (cb: Callback<provproto.ReadResponse>) => this.client.read(req, cb));
    return {
      id: res.getId(),
      properties: fromStruct(res.getProperties()),
      inputs: res.hasInputs() ? fromStruct(res.getInputs()) : undefined,
    };
  }

  async update(id: string, urn: string, olds: PropertyMap, news: PropertyMap,
    opts: { preview?: boolean } = {}): Promise<PropertyMap> {
    if (opts.preview) return news;
    const req = new provproto.UpdateRequest();
    req.setId(id);
    req.setUrn(urn);
    req.setOlds(toStruct(revealSecrets(olds) as PropertyMap));
    req.setNews(toStruct(revealSecrets(news) as PropertyMap));
    const res = await this.call("Update", urn, (cb: Callback<provproto.UpdateResponse>) => this.client.update(req, cb));
    return fromStruct(res.getProperties());
  }

  async delete(id: string, urn: string, props: PropertyMap): Promise<void> {
    const req = new provproto.DeleteRequest();
    req.setId(id);
    req.setUrn(urn);
    req.setProperties(toStruct(revealSecrets(props) as PropertyMap));
    await this.call("Delete", urn, (cb: Callback<Empty>) => this.client.delete(req, cb));
  }

  async close(): Promise<void> {
    this.client.close();
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill("SIGTERM");
      await this.exited;
    }
  }

  private call<Res>(method: string, urn: string, send: (cb: Callback<Res>) => unknown): Promise<Res> {
    return new Promise((resolve, reject) => {
      send((err, res) => {
        if (!err) return resolve(res);
        const failure = toPluginError(method, urn, err);
        // The plugin process is gone: what it printed last says why.
        if (err.code === grpc.status.UNAVAILABLE && this.stderr().trim()) {
          failure.message += `\nplugin output:\n${this.stderr().trim().split("\n").slice(-20).join("\n")}`;
        }
        reject(failure);
      });
    });
  }
}

function toPluginError(method: string, urn: string, err: grpc.ServiceError): PluginCallError {
  const message = err.details || err.message;
  const detailsBin = err.metadata?.get("grpc-status-details-bin")[0];
  if (detailsBin) {
    const bytes = typeof detailsBin === "string" ? Buffer.from(detailsBin, "base64") : detailsBin;
    const status = statusproto.Status.deserializeBinary(new Uint8Array(bytes));
    for (const any of status.getDetailsList()) {
      const init = any.unpack(provproto.ErrorResourceInitFailed.deserializeBinary, "pulumirpc.ErrorResourceInitFailed");
      if (init) {
        return new ResourceInitError(method, urn, message, init.getId(), fromStruct(init.getProperties()),
          init.getReasonsList());
      }
    }
  }
  return new PluginCallError(method, urn, message);
}
