import { spawn, spawnSync, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseEmulatorArgs } from "../../tools/emulator";
import { webServiceBody } from "./fixtures";
import { apiClient } from "./http";

const ROOT = path.join(__dirname, "..", "..");
const TS_NODE = require.resolve("ts-node/dist/bin.js");
const ARGS = [TS_NODE, "--transpile-only", "tools/emulator.ts"];

/** Spawns the CLI and resolves with the port once it prints its listening line. */
function startCli(flags: string[]): Promise<{ child: ChildProcess; port: number; readyMs: number }> {
  const started = Date.now();
  const child = spawn(process.execPath, [...ARGS, ...flags], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /^listening on http:\/\/127\.0\.0\.1:(\d+)\n/.exec(out);
      if (match) resolve({ child, port: Number(match[1]), readyMs: Date.now() - started });
    });
    child.on("exit", (code) => reject(new Error(`emulator exited with ${code} before listening: ${out}`)));
  });
}

function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<number | null> {
  return new Promise((resolve) => {
    child.removeAllListeners("exit");
    child.on("exit", (code) => resolve(code));
    child.kill(signal);
  });
}

describe("emulator CLI", () => {
  it("prints the listening line, serves the API and keeps its state across a SIGTERM restart", async () => {
    const stateFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "emulator-cli-")), "state.json");
    const first = await startCli(["--port", "0", "--api-key", "k1", "--owner-id", "tea-cli00000000000000000", "--state", stateFile]);
    process.stdout.write(`emulator CLI ready in ${first.readyMs} ms\n`);
    const api = apiClient(`http://127.0.0.1:${first.port}/v1`, "k1");
    const created = (await api("POST", "/services", webServiceBody("tea-cli00000000000000000"))).body as { service: { id: string } };
    const firstExit = await stop(first.child, "SIGTERM");
    const second = await startCli(["--port", "0", "--api-key", "k1", "--owner-id", "tea-cli00000000000000000", "--state", stateFile]);
    const again = await apiClient(`http://127.0.0.1:${second.port}/v1`, "k1")("GET", `/services/${created.service.id}`);
    const secondExit = await stop(second.child, "SIGINT");
    expect([firstExit, again.status, secondExit, fs.existsSync(stateFile)]).toEqual([0, 200, 0, true]);
  });

  it("exits 2 naming the flag, the value and what is allowed", () => {
    const result = spawnSync(process.execPath, [...ARGS, "--latency", "slow"], { cwd: ROOT, encoding: "utf8" });
    expect([result.status, result.stderr.trim(), result.stdout]).toEqual([2, 'emulator: --latency: "slow" is not valid; allowed: none, realistic', ""]);
  });

  test.each([
    [["--time-scale", "0"], '--time-scale: "0" is not valid; allowed: a positive number such as 1 or 0.01'],
    [["--rate-limits", "some"], '--rate-limits: "some" is not valid; allowed: render, off, or a positive multiplier such as 10'],
    [["--port", "-1"], '--port: "-1" is not valid; allowed: an integer from 0 (any free port) to 65535'],
    [["--colour", "red"], 'unknown flag "--colour"; allowed: --port, --owner-id, --api-key, --latency, --time-scale, --state, --seed, --rate-limits, --admin-token'],
    [["--port"], "--port needs a value"],
  ])("refuses the flags %j", (flags, message) => {
    expect(() => parseEmulatorArgs(flags)).toThrow(message);
  });

  it("parses every flag, defaulting to Render's rate limits", () => {
    expect(parseEmulatorArgs(["--port=8787", "--owner-id", "tea-x", "--api-key", "k", "--latency", "realistic", "--time-scale", "0.01", "--state", "s.json", "--seed", "4"])).toEqual({
      port: 8787, ownerId: "tea-x", apiKey: "k", latency: "realistic", timeScale: 0.01, stateFile: "s.json", seed: 4, rateLimits: "render",
    });
    expect(parseEmulatorArgs(["--rate-limits", "off"]).rateLimits).toBe("off");
  });
});
