import * as fs from "fs"; import * as os from "os"; import * as path from "path";
import { startEmulator } from "../emulator/server";
import { runSandbox } from "../sandbox/engine";
import { writeScalingStack } from "./stackFile";
(async () => {
  const n = Number(process.argv[2]);
  const emu = await startEmulator({ port: 0, latency: "realistic", timeScale: 0.05, seed: 1, rateLimits: "off" });
  process.env.RENDER_POLL_INTERVAL_MS = "50"; process.env.RENDER_API_KEY = emu.apiKey;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tl2-"));
  const t0 = Date.now(); let count = 0; let first = 0;
  const print = (t: string) => { if (t.includes(" created")) { count++; if (!first) first = Date.now() - t0; if (count % 50 === 0) console.log(`[${Date.now() - t0}] ${count} created`); } else if (t.startsWith("Previewing") || t.includes("Updating")) console.log(`[${Date.now() - t0}] ${t.slice(0, 40)}`); };
  try {
    const r = await runSandbox({ stack: writeScalingStack(n, dir), stateDir: path.join(dir, "s"), emulatorUrl: emu.url, print });
    console.log("first created", first, "total", r.durationMs, r.errors.length, "state MB", (fs.statSync(path.join(dir, "s", `bench${n}.json`)).size / 1e6).toFixed(1));
  } finally { await emu.close(); }
})().catch((e) => { console.error(e.message.slice(0, 4000)); process.exit(1); });
