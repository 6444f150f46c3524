/**
 * Runs the program's passes (preview, apply) in the engine's own process (programHost.ts): no second Node
 * process, no second copy of the SDK and the TypeScript compiler it loads, and no copying of every
 * registration and its `__provider` text between processes.
 */
import { AsyncResource } from "async_hooks";
import * as path from "path";
import { EngineLink, EngineReply, runProgramPass } from "./programHost";
import { Registration, RunnerArgs } from "./protocol";
import { PropertyMap } from "./wire";

/**
 * After a failed step the SDK leaves the resources that depend on it waiting forever (the real engine ends the
 * program then): with nothing asked of the engine for this long after a failure, the pass is over.
 */
const QUIET_AFTER_FAILURE_MS = 1000;
/** With no failure, a program that asks nothing of the engine for this long waits on something that never comes. */
export const DEFAULT_STALL_MS = 60_000;

export interface PassHandlers {
  register(reg: Registration): Promise<{ id?: string; state: PropertyMap }>;
  invoke(token: string, args: PropertyMap): Promise<PropertyMap>;
  outputs(urn: string, outputs: PropertyMap): void;
}

export interface PassResult {
  /** Errors of the program itself (config validation, exceptions), not of provider steps. */
  errors: string[];
  /** What the program printed with `console` during the pass. */
  log: string;
  /** The program ran to its end (false when it stopped waiting on values that never came). */
  completed: boolean;
}

export interface ProgramOptions extends RunnerArgs {
  config: Record<string, string>;
  secretKeys: string[];
  /** Program directory: the working directory while a pass runs, as the engine gives the language host. */
  cwd: string;
  /** The engine service (`pulumi.log` messages go there); without it the SDK prints them. */
  engineAddress?: string;
  /** See DEFAULT_STALL_MS. */
  stallMs?: number;
}

/** Answer to a request the program makes after its pass ended (it kept running in this process). */
const PASS_OVER = "the program's pass is over; nothing more is done for it";

class DirectLink implements EngineLink {
  private outstanding = 0;
  private failed = false;
  /** Once the pass is over, the engine has moved on: a late request must not reach it (a late create would be an orphan). */
  private closed = false;
  private timer: NodeJS.Timeout | undefined;
  private stop: (() => void) | undefined;
  readonly stalled = new Promise<void>((resolve) => { this.stop = resolve; });

  /**
   * `engineScope` is the engine's async context: the engine's work (plugin calls, their sockets and timers) runs
   * there, so nothing long-lived of the engine holds on to a pass's runtime store and, through it, to every
   * resource object of that pass.
   */
  constructor(private readonly handlers: PassHandlers, private readonly engineScope: AsyncResource,
    private readonly stallMs: number) {
    this.watch();
  }

  register(registration: Registration): Promise<EngineReply> {
    if (this.closed) return Promise.resolve({ error: PASS_OVER });
    const reply = this.engineScope.runInAsyncScope(() => this.handlers.register(registration));
    return this.track(reply.then((res) => ({ id: res.id, state: res.state })));
  }

  invoke(token: string, args: PropertyMap): Promise<EngineReply> {
    if (this.closed) return Promise.resolve({ error: PASS_OVER });
    return this.track(this.engineScope.runInAsyncScope(() => this.handlers.invoke(token, args)).then((state) => ({ state })));
  }

  outputs(urn: string, outputs: PropertyMap): void {
    if (this.closed) return;
    this.engineScope.runInAsyncScope(() => this.handlers.outputs(urn, outputs));
    this.watch();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
  }

  private track(reply: Promise<EngineReply>): Promise<EngineReply> {
    this.outstanding++;
    clearTimeout(this.timer);
    return reply.then((r) => r, (err: Error) => {
      this.failed = true;
      return { error: err.message };
    }).finally(() => {
      this.outstanding--;
      this.watch();
    });
  }

  /** (Re)starts the idle clock whenever the program has nothing in flight with the engine. */
  private watch(): void {
    clearTimeout(this.timer);
    if (this.outstanding > 0 || this.closed) return;
    this.timer = setTimeout(() => this.stop?.(), this.failed ? QUIET_AFTER_FAILURE_MS : this.stallMs);
    this.timer.unref();
  }
}

export class InlineProgram {
  /** Created by the engine, outside every pass. */
  private readonly engineScope = new AsyncResource("SandboxEngine");

  constructor(private readonly opts: ProgramOptions) {}

  async run(preview: boolean, handlers: PassHandlers): Promise<PassResult> {
    const link = new DirectLink(handlers, this.engineScope, this.opts.stallMs ?? DEFAULT_STALL_MS);
    const restore = captureConsole();
    const cwd = process.cwd();
    process.chdir(this.opts.cwd);
    try {
      const outcome = await runProgramPass({
        args: { program: path.resolve(this.opts.cwd, this.opts.program), project: this.opts.project, stack: this.opts.stack, organization: this.opts.organization },
        preview, link, config: this.opts.config, secretKeys: this.opts.secretKeys, engineAddress: this.opts.engineAddress,
        stalled: link.stalled,
      });
      return { errors: outcome.errors, completed: outcome.completed, log: restore.text() };
    } finally {
      link.close();
      restore.text();
      process.chdir(cwd);
    }
  }

  close(): void {
    this.engineScope.emitDestroy();
  }
}

const CONSOLE_METHODS = ["log", "info", "warn", "error", "debug"] as const;

/**
 * What the program prints with `console` during a pass is its output (shown with the diagnostics), not the
 * engine's: the engine's own stdout may be a JSON line.
 */
function captureConsole(): { text(): string } {
  const saved = CONSOLE_METHODS.map((m) => [m, console[m]] as const);
  const lines: string[] = [];
  const util = require("util") as typeof import("util");
  for (const m of CONSOLE_METHODS) console[m] = (...args: unknown[]) => { lines.push(util.format(...args)); };
  let restored = false;
  return {
    text(): string {
      if (!restored) {
        restored = true;
        for (const [m, fn] of saved) console[m] = fn;
      }
      return lines.length > 0 ? `${lines.join("\n")}\n` : "";
    },
  };
}
