/**
 * `npm run emulator -- --port 8787 [--owner-id ID] [--api-key KEY] [--latency none|realistic]
 *   [--time-scale F] [--state FILE] [--seed N] [--rate-limits render|off|FACTOR] [--admin-token TOKEN]`
 * Prints `listening on http://127.0.0.1:<port>` once requests are accepted, then `admin token: <token>` (the
 * admin API's per-run token; `--admin-token` or RENDER_EMULATOR_TOKEN fixes it); SIGINT/SIGTERM stop it.
 * With --state, every acknowledged write is saved (sealed) before it is answered.
 */
import * as path from "path";
import { ADMIN_TOKEN_ENV } from "../emulator/adminClient";
import { parseRateLimitMode } from "../emulator/rateLimits";
import type { EmulatorOptions } from "../emulator/server";
import { installTranspileCache } from "../emulator/transpileCache";

class UsageError extends Error {}

const FLAGS = ["--port", "--owner-id", "--api-key", "--latency", "--time-scale", "--state", "--seed", "--rate-limits", "--admin-token"];

export function parseEmulatorArgs(argv: string[]): EmulatorOptions {
  const options: EmulatorOptions = { rateLimits: "render" };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    if (!FLAGS.includes(flag)) throw new UsageError(`unknown flag ${JSON.stringify(argv[i])}; allowed: ${FLAGS.join(", ")}`);
    const value = inline ?? argv[++i];
    if (value === undefined || value.startsWith("--")) throw new UsageError(`${flag} needs a value`);
    const bad = (allowed: string) => new UsageError(`${flag}: ${JSON.stringify(value)} is not valid; allowed: ${allowed}`);
    switch (flag) {
      case "--port": {
        const port = Number(value);
        if (!/^\d+$/.test(value) || port > 65535) throw bad("an integer from 0 (any free port) to 65535");
        options.port = port;
        break;
      }
      case "--owner-id":
        if (!value.trim()) throw bad("a non-empty owner id such as tea-emulator000000000000");
        options.ownerId = value;
        break;
      case "--api-key":
        if (!value.trim()) throw bad("a non-empty key");
        options.apiKey = value;
        break;
      case "--latency":
        if (value !== "none" && value !== "realistic") throw bad("none, realistic");
        options.latency = value;
        break;
      case "--time-scale": {
        const scale = Number(value);
        if (!(Number.isFinite(scale) && scale > 0)) throw bad("a positive number such as 1 or 0.01");
        options.timeScale = scale;
        break;
      }
      case "--state":
        options.stateFile = value;
        break;
      case "--seed":
        if (!/^-?\d+$/.test(value)) throw bad("an integer");
        options.seed = Number(value);
        break;
      case "--admin-token":
        if (!/^[\x21-\x7e]{16,}$/.test(value)) throw bad("at least 16 printable characters without spaces");
        options.adminToken = value;
        break;
      case "--rate-limits": {
        const mode = parseRateLimitMode(value);
        if (mode === undefined) throw bad("render, off, or a positive multiplier such as 10");
        options.rateLimits = mode;
        break;
      }
    }
  }
  return options;
}

async function main(): Promise<void> {
  let options: EmulatorOptions;
  try {
    options = parseEmulatorArgs(process.argv.slice(2));
    const fromEnv = process.env[ADMIN_TOKEN_ENV];
    if (options.adminToken === undefined && fromEnv) options.adminToken = parseEmulatorArgs(["--admin-token", fromEnv]).adminToken;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`emulator: ${error.message}\n`);
    process.exit(2);
  }
  installTranspileCache(path.join(__dirname, "..", "emulator"));
  // Required after the cache is installed so the emulator's modules load from it.
  const { startEmulator } = require("../emulator/server") as typeof import("../emulator/server");
  const emulator = await startEmulator(options);
  process.stdout.write(`listening on ${emulator.url}\nadmin token: ${emulator.adminToken}\n`);
  const stop = () => {
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`emulator: failed to stop cleanly: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`emulator: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
