import { startEmulator } from "../emulator/server";
import { runSandbox } from "../sandbox/engine";
import { writeStackFile, stackFile, runEnv } from "./stackRun";
import { stageConfig, stage3Changed } from "./stackConfigs";
import { apiClient, deleteOutOfBand } from "./outOfBand";
import { emulatorAdmin } from "./emulatorAdmin";
async function main() {
  process.env.RENDER_POLL_INTERVAL_MS = "20"; process.env.RENDER_HTTP_TIMEOUT_MS = "3000";
  const emu = await startEmulator({ port: 0, timeScale: 0.01 });
  const target = { workDir: "/tmp/chaoswork/dbg", stack: "chaos", emulatorUrl: emu.url, apiKey: emu.apiKey, secrets: { apiToken: "chaos-token-abcdef123" } };
  require("fs").rmSync(target.workDir, { recursive: true, force: true });
  const t = Date.now();
  const run = async (cfg: any) => { writeStackFile(target, cfg); const r = await runSandbox({ stack: stackFile(target), stateDir: target.workDir + "/state", emulatorUrl: emu.url, env: runEnv(target),
      print: (s) => console.log(`[${Date.now() - t}ms] ${s}`) }); console.log("ERRORS", r.errors); };
  await run(stageConfig(3));
  await deleteOutOfBand(apiClient(emu.url, emu.apiKey), await emulatorAdmin(emu.url).state(), (process.argv[2] ?? "services") as any);
  await run(stage3Changed());
  await run(stage3Changed());
  await emu.close();
}
main();
