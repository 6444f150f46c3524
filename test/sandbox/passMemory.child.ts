/**
 * Child process of passMemory.test.ts (run with --expose-gc): runs the fixture program's pass five times through
 * runProgramPass, with an engine that answers at once, and prints one JSON line of heap sizes after a full GC:
 * `during` (at the last registration, with the pass's resources alive) and `after` each pass.
 */
import * as path from "path";
import { EngineLink, runProgramPass } from "../../sandbox/programHost";
import type { Registration } from "../../sandbox/protocol";

const gc = (global as { gc?: () => void }).gc!;
const heapMb = () => { gc(); return process.memoryUsage().heapUsed / 1048576; };
const PROJECT = path.join(__dirname, "fixtures", "program");
const WORKERS = Number(process.env.PASS_MEMORY_WORKERS ?? "300");

async function main(): Promise<void> {
  const during: number[] = [];
  const after: number[] = [];
  for (let pass = 0; pass < 5; pass++) {
    let registered = 0;
    const link: EngineLink = {
      async register(reg: Registration) {
        // The fixture registers its workers last: sample once all of them are alive.
        if (++registered === WORKERS + 5) during.push(heapMb());
        return { id: reg.readId ?? `${reg.name}-id`, state: reg.readId ? { outputs: {} } : reg.inputs };
      },
      async invoke() { return { state: {} }; },
      outputs() { /* the stack's outputs are not needed here */ },
    };
    const outcome = await runProgramPass({
      args: { program: path.join(PROJECT, "index.ts"), project: "sandbox-fixture", stack: "memory", organization: "organization" },
      preview: true, link, stalled: new Promise(() => undefined), secretKeys: ["sandbox-fixture:token"],
      config: {
        "sandbox-fixture:region": "oregon", "sandbox-fixture:size": "1", "sandbox-fixture:token": "tok",
        "sandbox-fixture:storeDir": path.join(PROJECT, "unused"),
        "sandbox-fixture:workers": JSON.stringify(Array.from({ length: WORKERS }, (_, i) => `w${i}`)),
      },
    });
    if (outcome.errors.length > 0 || !outcome.completed) throw new Error(`pass ${pass}: ${JSON.stringify(outcome)}`);
    after.push(heapMb());
  }
  process.stdout.write(`${JSON.stringify({ during, after })}\n`);
}

main().catch((err: Error) => {
  process.stderr.write(`${err.stack ?? err.message}\n`);
  process.exitCode = 1;
});
