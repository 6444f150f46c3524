/**
 * One run of the program (a preview or an apply pass) in a fresh child process, so each pass starts with a clean
 * Pulumi runtime. The child can be started early and kept waiting until `run` sends the go signal.
 */
import { ChildProcess, fork } from "child_process";
import { ChildMessage, ParentMessage, Registration, RunnerArgs } from "./protocol";
import { PropertyMap } from "./wire";
const RUNNER_ENTRY = require.resolve("./programRunner");

export interface PassHandlers {
  register(reg: Registration): Promise<{ id?: string; state: PropertyMap }>;
  invoke(token: string, args: PropertyMap): Promise<PropertyMap>;
  outputs(urn: string, outputs: PropertyMap): void;
}

export interface PassResult {
  /** Errors of the program itself (config validation, exceptions), not of provider steps. */
  errors: string[];
  /** What the program printed (warnings from `pulumi.log`, console output). */
  log: string;
}

export interface PassOptions extends RunnerArgs {
  config: Record<string, string>;
  secretKeys: string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
}

export class ProgramPass {
  private readonly child: ChildProcess;
  private log = "";
  private readonly exited: Promise<number | null>;

  constructor(opts: PassOptions) {
    const args: RunnerArgs = {
      program: opts.program, project: opts.project, stack: opts.stack, organization: opts.organization, preview: opts.preview,
    };
    this.child = fork(RUNNER_ENTRY, [], {
      cwd: opts.cwd,
      execArgv: ["-r", require.resolve("ts-node/register/transpile-only")],
      env: {
        ...(opts.env ?? process.env),
        SANDBOX_RUNNER_ARGS: JSON.stringify(args),
        PULUMI_CONFIG: JSON.stringify(opts.config),
        PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(opts.secretKeys),
        PULUMI_NODEJS_PROJECT: opts.project,
        PULUMI_NODEJS_STACK: opts.stack,
        PULUMI_NODEJS_ORGANIZATION: opts.organization,
        PULUMI_NODEJS_DRY_RUN: String(opts.preview),
        TS_NODE_TRANSPILE_ONLY: "true",
      },
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    for (const stream of [this.child.stdout!, this.child.stderr!]) {
      stream.setEncoding("utf8").on("data", (chunk: string) => { this.log += chunk; });
    }
    this.exited = new Promise((resolve) => this.child.once("exit", (code) => resolve(code)));
  }

  /** Starts the program and resolves once it has finished and every registration was answered. */
  run(handlers: PassHandlers): Promise<PassResult> {
    return new Promise((resolve, reject) => {
      const reply = (msg: ParentMessage) => { if (this.child.connected) this.child.send(msg); };
      let done = false;
      this.child.on("message", (msg: ChildMessage) => {
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
          case "done":
            done = true;
            this.exited.then(() => resolve({ errors: msg.errors, log: this.log }));
            break;
        }
      });
      this.exited.then((code) => {
        if (!done) reject(new Error(`the program exited (code ${code}) before finishing:\n${this.log.trim()}`));
      });
      this.child.send({ kind: "start" } satisfies ParentMessage);
    });
  }

  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill("SIGKILL");
      await this.exited;
    }
  }
}
