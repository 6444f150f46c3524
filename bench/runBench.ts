/**
 * The whole benchmark: every figure of `npm run bench`, measured on the emulator with realistic latency and a
 * fixed seed. Engine runs happen in child processes (timed by the engine, memory watched per process tree);
 * call counts come from the emulator's request counters.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator } from "../emulator/server";
import { latencyFor, lifecycleDurations } from "../emulator/latency";
import { ChartSeries } from "./chart";
import { checkpointFileBytes } from "./checkpointBytes";
import { ProgramLoad, measureProgramLoad } from "./programLoad";
import { ProcessRss } from "./peakRss";
import { collectProviderTexts, providerSizes } from "./providerTexts";
import { RunConditions } from "./readmeTable";
import { BenchResult, round2 } from "./result";
import { SandboxRun, runSandboxChild } from "./sandboxChild";
import { writeScalingStack } from "./stackFile";
import { Stage3Figures, measureStage3 } from "./stage3";
import { LatencyModel } from "./upGraph";
import { WebServiceCalls, measureWebServiceCalls } from "./webServiceCalls";

export interface BenchOptions {
  readonly seed: number;
  /** Emulator time scale for the stage 3 and call-count runs. */
  readonly timeScale: number;
  /** Emulator time scale for the scaling runs. */
  readonly scalingTimeScale: number;
  /** The two stack sizes `scaling` compares (20 and 200). */
  readonly small: number;
  readonly large: number;
  /** Further sizes drawn in the chart. */
  readonly chartSizes: readonly number[];
  /** Stack raised to stage 3 (`Pulumi.<stack>.yaml`). */
  readonly stack: string;
  /** Timed runs per figure; the fastest counts (load from other work only ever adds time). */
  readonly repeats: number;
  readonly log: (line: string) => void;
}

export interface ScalingPoint {
  readonly n: number;
  readonly ms: number;
  readonly peakRssMb: number;
  readonly peakProcesses?: readonly ProcessRss[];
  /** Bytes of the stack's checkpoint after the run. */
  readonly checkpointBytes?: number;
}

export interface BenchReport {
  readonly result: BenchResult;
  readonly conditions: RunConditions;
  readonly webService: WebServiceCalls;
  readonly stage3: Stage3Figures;
  readonly programLoad: ProgramLoad;
  readonly providerBytesByKind: Record<string, number>;
  readonly scaling: ScalingPoint[];
  /** 1-minute load average when the run started and ended: other work on the machine skews times. */
  readonly loadAverage: { readonly start: number; readonly end: number };
}

/**
 * Stage 3 and the call counts run at Render's own speed (time scale 1): the engine's start-up (program passes,
 * provider serialization) is not scaled, so on a faster clock the ratio would measure start-up, not waits.
 * Scaling runs only compare stack sizes with each other, so they run 20× faster.
 */
export const DEFAULT_OPTIONS: Omit<BenchOptions, "log"> = {
  seed: 20251115,
  timeScale: 1,
  scalingTimeScale: 0.05,
  small: 20,
  large: 200,
  chartSizes: [5, 50, 100],
  stack: "dev",
  repeats: 2,
};

const PROJECT_ROOT = path.resolve(__dirname, "..");

/**
 * The client's first poll pause is 1 s; on a faster clock it shrinks by the same factor. At Render's own speed the
 * client keeps all its defaults, so the figures are what users get.
 */
function pollEnv(timeScale: number): Record<string, string> {
  if (timeScale >= 1) return {};
  return { RENDER_POLL_INTERVAL_MS: String(Math.max(1, Math.round(1000 * timeScale))) };
}

export function latencyModel(timeScale: number): LatencyModel {
  return { latencyFor, lifecycle: lifecycleDurations, timeScale };
}

export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const { log } = options;
  const loadAtStart = os.loadavg()[0];
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "render-bench-"));
  try {
    log("serializing one provider of each resource kind…");
    log("loading index.ts as the nodejs language host does (stage 0, project settings)…");
    const programLoad = await measureProgramLoad(PROJECT_ROOT, options.stack, options.repeats);
    log(`  ${programLoad.ms} ms, ${programLoad.rssMb} MB`);
    const texts = await collectProviderTexts();
    const sizes = providerSizes(texts);
    const serviceText = texts.get("Service")!;

    const emulator = await startEmulator({ port: 0, latency: "realistic", timeScale: options.timeScale, seed: options.seed });
    let webService: WebServiceCalls;
    let stage3: Stage3Figures;
    const env = { RENDER_API_KEY: emulator.apiKey, ...pollEnv(options.timeScale) };
    try {
      log("web service with env vars, secret files and 2 custom domains: create, then refresh, through the plugin…");
      webService = await measureWebServiceCalls(emulator, serviceText, PROJECT_ROOT, pollEnv(options.timeScale));
      log(`stage 3 stack "${options.stack}": fresh up (fastest of ${options.repeats}), then an unchanged up --refresh…`);
      stage3 = await measureStage3({ emulatorUrl: emulator.url, env, workDir, stack: options.stack }, latencyModel(options.timeScale), options.repeats);
    } finally {
      await emulator.close();
    }

    const scaling: ScalingPoint[] = [];
    const sizesToRun = [...new Set([...options.chartSizes, options.small, options.large])].sort((a, b) => a - b);
    log(`scaling runs (n = ${sizesToRun.join(", ")}) with the emulator's rate limits off: Render allows 20 POST /services an hour…`);
    for (const n of sizesToRun) {
      const runs: Array<SandboxRun & { checkpointBytes: number }> = [];
      for (let i = 0; i < Math.max(1, options.repeats); i++) runs.push(await scalingRun(n, options, workDir));
      const fastest = runs.reduce((a, b) => (b.ms < a.ms ? b : a));
      const heaviest = runs.reduce((a, b) => (b.peakRssMb > a.peakRssMb ? b : a));
      scaling.push({
        n, ms: fastest.ms, peakRssMb: heaviest.peakRssMb, peakProcesses: heaviest.peakProcesses,
        checkpointBytes: Math.max(...runs.map((r) => r.checkpointBytes)),
      });
      log(`  n=${n}: ${runs.map((r) => r.ms).join(" / ")} ms, peak ${heaviest.peakRssMb} MB, ${fastest.resources} resources`);
    }
    const result = assembleResult({
      webService, stage3, providerBytes: sizes, scaling, small: options.small, large: options.large, programLoad,
    });
    return {
      result,
      conditions: { seed: options.seed, timeScale: options.timeScale, scalingTimeScale: options.scalingTimeScale, repeats: options.repeats },
      webService, stage3, programLoad, providerBytesByKind: sizes.byKind, scaling,
      loadAverage: { start: round2(loadAtStart), end: round2(os.loadavg()[0]) },
    };
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

/** One preview + up of `n` services on a fresh emulator without rate limits. */
async function scalingRun(n: number, options: BenchOptions, workDir: string): Promise<SandboxRun & { checkpointBytes: number }> {
  const emulator = await startEmulator({
    port: 0, latency: "realistic", timeScale: options.scalingTimeScale, seed: options.seed, rateLimits: "off",
  });
  try {
    const dir = fs.mkdtempSync(path.join(workDir, `n${n}-`));
    const stack = writeScalingStack(n, dir);
    const run = await runSandboxChild(
      { stack, stateDir: path.join(dir, "state"), emulatorUrl: emulator.url },
      { RENDER_API_KEY: emulator.apiKey, ...pollEnv(options.scalingTimeScale) },
    );
    const stateFile = fs.readdirSync(path.join(dir, "state")).find((f) => f.endsWith(".json") && !f.endsWith(".emulator.json"));
    return { ...run, checkpointBytes: stateFile ? checkpointFileBytes(path.join(dir, "state", stateFile)) : 0 };
  } finally {
    await emulator.close();
  }
}

export interface MeasuredParts {
  readonly webService: WebServiceCalls;
  readonly stage3: Stage3Figures;
  readonly providerBytes: { readonly max: number; readonly mean: number };
  readonly scaling: readonly ScalingPoint[];
  readonly small: number;
  readonly large: number;
  readonly programLoad: ProgramLoad;
}

/** The contract's figures from what was measured. */
export function assembleResult(parts: MeasuredParts): BenchResult {
  const at = (n: number): ScalingPoint => {
    const point = parts.scaling.find((p) => p.n === n);
    if (!point) throw new Error(`bench: no scaling run for n=${n}; ran ${parts.scaling.map((p) => p.n).join(", ") || "none"}.`);
    return point;
  };
  const { stage3 } = parts;
  return {
    noopUp: { writes: stage3.noop.writes, readsPerResource: round2(stage3.noop.reads / Math.max(1, stage3.renderResources)) },
    refreshReadsPerWebService: parts.webService.refresh.reads,
    createWritesWebService2Domains: parts.webService.create.writes,
    stage3Up: {
      wallMs: stage3.fresh.ms,
      criticalPathMs: stage3.criticalPath.ms,
      ratio: round2(stage3.fresh.ms / Math.max(1, stage3.criticalPath.ms)),
    },
    providerBytes: { max: parts.providerBytes.max, mean: parts.providerBytes.mean },
    scaling: { n20Ms: at(parts.small).ms, n200Ms: at(parts.large).ms, ratio: round2(at(parts.large).ms / Math.max(1, at(parts.small).ms)) },
    peakRssMb200: at(parts.large).peakRssMb,
    programLoad: { ms: parts.programLoad.ms, rssMb: parts.programLoad.rssMb },
    checkpointBytesPerResource: stage3.checkpointBytesPerResource,
    checkpointBytes200: at(parts.large).checkpointBytes ?? 0,
  };
}

/** Time against stack size, with the straight line from the origin to the largest run: a curve above it grows faster than linear. */
export function chartSeries(points: readonly ScalingPoint[]): ChartSeries[] {
  const sorted = [...points].sort((a, b) => a.n - b.n);
  const last = sorted[sorted.length - 1];
  return [
    { label: "preview + up", points: sorted.map((p) => ({ n: p.n, ms: p.ms })) },
    { label: `linear to n=${last.n}`, points: [{ n: 0, ms: 0 }, { n: last.n, ms: last.ms }] },
  ];
}
