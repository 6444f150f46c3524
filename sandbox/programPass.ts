/**
 * The program's child process. Each pass (preview, apply) starts with a clean Pulumi runtime: a program whose
 * entry exports a function runs its next pass in the same process; otherwise the process ends after one pass.
 */
import { ChildProcess, fork } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { ChildMessage, ParentMessage, Registration, RunnerArgs } from "./protocol";
import { PropertyMap, shareLargeStrings } from "./wire";

const RUNNER_ENTRY = require.resolve("./programRunner");
const TRANSPILE_CACHE = require.resolve("../emulator/transpileCache");
const CACHE_DIR = path.join(__dirname, "..", "node_modules", ".cache", "render-stages-transpile");

/**
 * A plain JavaScript preload that serves every `.ts` file from the transpile cache (emulator/transpileCache.ts),
 * so the program process does not load ts-node (the SDK's closure serializer still loads the TypeScript
 * compiler when the program makes dynamic resources). Written once per version of the cache module, beside the
 * cached files.
 */
function transpileHook(): string {
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

export interface PassHandlers {
  register(reg: Registration): Promise<{ id?: string; state: PropertyMap }>;
  invoke(token: string, args: PropertyMap): Promise<PropertyMap>;
  outputs(urn: string, outputs: PropertyMap): void;
}

export interface PassResult {
  /** Errors of the program itself (config validation, exceptions), not of provider steps. */
  errors: string[];
  /** What the program printed during the pass (console output). */
  log: string;
  /** The program ran to its end (see ChildMessage "done"). */
  completed: boolean;
  /** The process can run another pass. */
  rerunnable: boolean;
}

export interface ProgramProcessOptions extends RunnerArgs {
  config: Record<string, string>;
  secretKeys: string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** The engine service (`pulumi.log` messages go there); without it the SDK prints them to the log. */
  engineAddress?: string;
}

export class ProgramProcess {
  private readonly child: ChildProcess;
  private log = "";
  private readonly exited: Promise<number | null>;

  constructor(opts: ProgramProcessOptions) {
    const args: RunnerArgs = { program: opts.program, project: opts.project, stack: opts.stack, organization: opts.organization };
    this.child = fork(RUNNER_ENTRY, [], {
      cwd: opts.cwd,
      execArgv: ["-r", transpileHook()],
      env: {
        ...(opts.env ?? process.env),
        SANDBOX_RUNNER_ARGS: JSON.stringify(args),
        PULUMI_CONFIG: JSON.stringify(opts.config),
        PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(opts.secretKeys),
        PULUMI_NODEJS_PROJECT: opts.project,
        PULUMI_NODEJS_STACK: opts.stack,
        PULUMI_NODEJS_ORGANIZATION: opts.organization,
        ...(opts.engineAddress ? { PULUMI_NODEJS_ENGINE: opts.engineAddress } : {}),
      },
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    for (const stream of [this.child.stdout!, this.child.stderr!]) {
      stream.setEncoding("utf8").on("data", (chunk: string) => { this.log += chunk; });
    }
    this.exited = new Promise((resolve) => this.child.once("exit", (code) => resolve(code)));
  }

  /** Runs the program once and resolves when it has finished and every registration was answered. */
  run(preview: boolean, handlers: PassHandlers): Promise<PassResult> {
    this.log = "";
    return new Promise((resolve, reject) => {
      const reply = (msg: ParentMessage) => { if (this.child.connected) this.child.send(msg); };
      let done = false;
      const onMessage = (received: ChildMessage) => {
        const msg = shareLargeStrings(received);
        switch (msg.kind) {
          case "register":
            handlers.register(msg.registration).then(
              (res) => reply({ kind: "reply", seq: msg.seq, id: res.id, state: res.state }),
              (err: Error) => reply({ kind: "reply", seq: msg.seq, error: err.message }));
            break;
          case "invoke":
            handlers.invoke(msg.token, msg.args).then(
              (state) => reply({ kind: "reply", seq: msg.seq, state }),
              (err: Error) => reply({ kind: "reply", seq: msg.seq, error: err.message }));
            break;
          case "outputs":
            handlers.outputs(msg.urn, msg.outputs);
            break;
          case "done": {
            done = true;
            this.child.off("message", onMessage);
            const finished = () => resolve({
              errors: msg.errors, log: this.log, completed: msg.completed, rerunnable: msg.rerunnable,
            });
            // A process that will not run again flushes its output before it exits.
            if (msg.rerunnable) finished();
            else this.exited.then(finished);
            break;
          }
        }
      };
      this.child.on("message", onMessage);
      this.exited.then((code) => {
        if (!done) reject(new Error(`the program exited (code ${code}) before finishing:\n${this.log.trim()}`));
      });
      reply({ kind: "start", preview });
    });
  }

  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill("SIGKILL");
      await this.exited;
    }
  }
}
