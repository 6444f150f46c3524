import * as fs from "fs"; import * as os from "os"; import * as path from "path";
import { startEmulator } from "../emulator/server";
import { runSandbox } from "../sandbox/engine";
(async () => {
  const ts = Number(process.argv[2] ?? "0.05");
  const emu = await startEmulator({ port: 0, latency: "realistic", timeScale: ts, seed: 1 });
  process.env.RENDER_POLL_INTERVAL_MS = String(Math.round(1000 * ts));
  process.env.RENDER_API_KEY = emu.apiKey;
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "tl-"));
  const t0 = Date.now();
  const print = (t: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(2)}] ${t.slice(0, 300)}`);
  try {
    const r = await runSandbox({ stack: process.argv[3] ?? "dev", stage: 3, stateDir, emulatorUrl: emu.url, print });
    console.log(r.durationMs, r.errors, r.apiCalls);
    const r2 = await runSandbox({ stack: process.argv[3] ?? "dev", stage: 3, stateDir, emulatorUrl: emu.url, print });
    console.log(r2.durationMs, r2.errors, r2.apiCalls);
  } finally { await emu.close(); }
})().catch((e) => { console.error(e.message.slice(0, 4000)); process.exit(1); });
