/**
 * Child process of inlineProgram.test.ts: one apply pass of the fixture program through InlineProgram, with an
 * engine that fails `app-web`; prints one JSON line of what the engine was asked, during and after the pass.
 * (A program's unhandled rejections belong to the process, so this runs outside Jest.)
 */
import * as path from "path";
import { InlineProgram, PassHandlers } from "../../sandbox/inlineProgram";
import type { Registration } from "../../sandbox/protocol";

const PROJECT = path.join(__dirname, "fixtures", "program");

async function main(): Promise<void> {
  const seen: string[] = [];
  const handlers: PassHandlers = {
    async register(reg: Registration) {
      seen.push(reg.name);
      if (reg.name === "app-web") throw new Error("app-web never became ready");
      return { id: `${reg.name}-id`, state: reg.readId ? { outputs: {} } : reg.inputs };
    },
    async invoke() { return {}; },
    outputs() { /* not needed */ },
  };
  const program = new InlineProgram({
    program: path.join(PROJECT, "index.ts"), project: "sandbox-fixture", stack: "late", organization: "organization",
    cwd: PROJECT, secretKeys: ["sandbox-fixture:token"],
    config: {
      "sandbox-fixture:region": "oregon", "sandbox-fixture:size": "1", "sandbox-fixture:token": "tok",
      "sandbox-fixture:storeDir": PROJECT, "sandbox-fixture:lateThingMs": process.env.LATE_THING_MS ?? "1500",
    },
  });
  const started = Date.now();
  const pass = await program.run(false, handlers);
  const passMs = Date.now() - started;
  const duringPass = [...seen];
  program.close();
  await new Promise((resolve) => setTimeout(resolve, 1500));
  process.stdout.write(`${JSON.stringify({ errors: pass.errors, passMs, duringPass, afterPass: seen.slice(duringPass.length) })}\n`);
  process.exit(0);
}

main().catch((err: Error) => {
  process.stderr.write(`${err.stack ?? err.message}\n`);
  process.exit(1);
});
