/**
 * Runs the sandbox engine (runSandbox, with the program inline) in a worker process of its own, started lean:
 * no ts-node (a cached transpile of each `.ts` file instead), and the memory settings of leanNode.ts. This is how
 * `npm run sandbox`, the bench, chaos and the tests run it; the worker, the program it runs and the plugin it
 * starts are one process tree, which exits when the run ends.
 */
import { fork } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { ADMIN_TOKEN_ENV, adminTokenFor } from "../emulator/adminClient";
import type { SandboxOptions, SandboxResult } from "./engine";
import { leanNodeEnv, leanNodeFlags } from "./leanNode";

/** What the worker receives: the options that are plain data. */
export type WorkerOptions = Omit<SandboxOptions, "print" | "env">;

/** `print` receives each block as the run goes; `env` is the worker's environment (default process.env). */
export interface IsolatedOptions extends SandboxOptions {
  /** Called with the worker's pid once it is started (to watch its process tree). */
  onStart?: (pid: number) => void;
  /**
   * Stops a run that takes longer (the worker and its plugin exit; the state keeps every step already done, and
   * the stack's lock is taken over by the next run). Default: no limit.
   */
  timeoutMs?: number;
}

/** Messages from the worker (worker.ts). */
export type WorkerMessage =
  | { kind: "print"; text: string }
  | { kind: "result"; result: SandboxResult }
  | { kind: "error"; message: string };

const WORKER_ENTRY = require.resolve("./worker");
const TRANSPILE_CACHE = require.resolve("../emulator/transpileCache");
const CACHE_DIR = path.join(__dirname, "..", "node_modules", ".cache", "render-stages-transpile");
/** The engine holds every resource's SDK objects while it runs: a 4 MB young generation suits it. */
const WORKER_YOUNG_MB = 4;

/**
 * A plain JavaScript preload that serves every `.ts` file from the transpile cache (emulator/transpileCache.ts),
 * so the worker does not load ts-node. Written once per version of the cache module, beside the cached files.
 */
export function transpileHook(): string {
  const source = fs.readFileSync(TRANSPILE_CACHE, "utf8");
  const file = path.join(CACHE_DIR, `hook-${crypto.createHash("sha1").update(source).digest("hex")}.js`);
  if (fs.existsSync(file)) return file;
  const ts = require("typescript") as typeof import("typescript");
  const code = ts.transpileModule(source, {
    fileName: TRANSPILE_CACHE,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true },
  }).outputText;
  const install = `exports.installTranspileCache(require("path").parse(__filename).root, ${JSON.stringify(CACHE_DIR)});\n`;
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${code}\n${install}`);
  fs.renameSync(temp, file);
  return file;
}

/** Resolves with the run's result; rejects when the run could not start (bad stack config, a held lock, …). */
export function runSandboxIsolated(options: IsolatedOptions = {}): Promise<SandboxResult> {
  const { print, env, onStart, timeoutMs, ...plain } = options;
  const workerOptions: WorkerOptions = plain;
  // An emulator this process started is known with its admin token; the worker needs it to read the call counters.
  const adminToken = plain.emulatorUrl ? adminTokenFor(plain.emulatorUrl, env ?? process.env) : undefined;
  const child = fork(WORKER_ENTRY, [], {
    execArgv: [...leanNodeFlags(WORKER_YOUNG_MB), "-r", transpileHook()],
    env: {
      ...leanNodeEnv(env ?? process.env), SANDBOX_WORKER_OPTIONS: JSON.stringify(workerOptions),
      ...(adminToken ? { [ADMIN_TOKEN_ENV]: adminToken } : {}),
    },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  onStart?.(child.pid!);
  let output = "";
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.setEncoding("utf8").on("data", (chunk: string) => { output = (output + chunk).slice(-20000); });
  }
  return new Promise((resolve, reject) => {
    let settled = false;
    let timedOut = false;
    const timer = timeoutMs === undefined ? undefined : setTimeout(() => {
      timedOut = true;
      child.kill("SIGTERM");
    }, timeoutMs);
    child.on("message", (msg: WorkerMessage) => {
      if (msg.kind === "print") print?.(msg.text);
      else if (msg.kind === "result") { settled = true; resolve(msg.result); }
      else { settled = true; reject(new Error(msg.message)); }
    });
    child.once("error", (err) => { if (!settled) { settled = true; reject(err); } });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      if (settled) return;
      settled = true;
      if (timedOut) {
        reject(new Error(`the sandbox run was stopped after ${Math.round(timeoutMs! / 1000)} s; steps already applied are in the state, and the next run continues from there.`));
        return;
      }
      const how = signal ? `was killed (${signal})` : `exited with code ${code}`;
      reject(new Error(`the sandbox worker ${how} before finishing${output.trim() ? `:\n${output.trim()}` : "."}`));
    });
  });
}
