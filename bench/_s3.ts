import * as fs from "fs"; import * as os from "os"; import * as path from "path";
import { startEmulator } from "../emulator/server";
import { latencyModel } from "./runBench";
import { measureStage3 } from "./stage3";
(async () => {
  const ts = Number(process.argv[2] ?? "0.05");
  const emu = await startEmulator({ port: 0, latency: "realistic", timeScale: ts, seed: 1 });
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "s3-"));
  try {
    const r = await measureStage3({ emulatorUrl: emu.url, env: { RENDER_API_KEY: emu.apiKey }, workDir, stack: "dev" }, latencyModel(ts));
    console.log(JSON.stringify(r, null, 1));
  } finally { await emu.close(); }
})().catch((e) => { console.error(e.message.slice(0, 4000)); process.exit(1); });
