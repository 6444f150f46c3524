import * as fs from "fs"; import * as os from "os"; import * as path from "path";
import { startEmulator } from "../emulator/server";
import { runSandboxChild } from "./sandboxChild";
import { writeScalingStack } from "./stackFile";
(async () => {
  const n = Number(process.argv[2]); const ts = 0.05;
  const emu = await startEmulator({ port: 0, latency: "realistic", timeScale: ts, seed: 1, rateLimits: "off" });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sc-"));
  try {
    const t0 = Date.now();
    const r = await runSandboxChild({ stack: writeScalingStack(n, dir), stateDir: path.join(dir, "state"), emulatorUrl: emu.url }, { RENDER_API_KEY: emu.apiKey, RENDER_POLL_INTERVAL_MS: "50" });
    console.log(n, JSON.stringify(r, null, 1), Date.now() - t0);
    const c = await (await fetch(emu.url + "/__emulator/requests")).json() as any; console.log(JSON.stringify(c.byMethod));
  } finally { await emu.close(); }
})().catch((e) => { console.error(e.message.slice(0, 3000)); process.exit(1); });
