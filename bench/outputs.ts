/** Writes the committed artefacts of a full bench run: results, README table, chart. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { renderChart } from "./chart";
import { renderReadmeTable } from "./readmeTable";
import { BenchReport, chartSeries } from "./runBench";
import { checkTargets } from "./targets";

export interface OutputPaths {
  readonly results: string;
  readonly table: string;
  readonly chart: string;
}

export function defaultOutputPaths(root: string): OutputPaths {
  return {
    results: path.join(root, "bench", "results.json"),
    table: path.join(root, "bench", "README-table.md"),
    chart: path.join(root, "docs", "bench.svg"),
  };
}

/** The JSON committed as `bench/results.json`: the figures plus what they were measured on and from. */
export function resultsDocument(report: BenchReport): Record<string, unknown> {
  return {
    figures: report.result,
    targets: checkTargets(report.result),
    conditions: {
      ...report.conditions,
      latency: "realistic",
      rateLimits: "Render's for stage 3 and call counts; off for scaling runs (Render allows 20 POST /services an hour)",
      pollIntervalMs: "client defaults at time scale 1; on a faster clock its first pause scaled alike (RENDER_POLL_INTERVAL_MS)",
      cpus: os.cpus().length,
      loadAverage: report.loadAverage,
    },
    details: {
      createWebService: report.webService.create.calls,
      refreshWebService: report.webService.refresh.calls,
      noopUp: { calls: report.stage3.noop.calls, renderResources: report.stage3.renderResources, wallMs: report.stage3.noopMs },
      stage3CriticalPath: report.stage3.criticalPath.steps,
      stage3PeakProcesses: report.stage3.fresh.peakProcesses,
      providerBytesByKind: report.providerBytesByKind,
      scaling: report.scaling,
    },
  };
}

export function writeOutputs(report: BenchReport, paths: OutputPaths): void {
  fs.writeFileSync(paths.results, `${JSON.stringify(resultsDocument(report), null, 2)}\n`);
  const { noop, renderResources } = report.stage3;
  fs.writeFileSync(paths.table, renderReadmeTable(report.result, report.conditions, {
    "noopUp.readsPerResource": `${noop.reads} GETs over ${renderResources} Render resources of the stage 3 stack`,
  }));
  fs.mkdirSync(path.dirname(paths.chart), { recursive: true });
  fs.writeFileSync(paths.chart, renderChart(chartSeries(report.scaling), {
    title: `preview + up time against stack size (emulator, realistic latency × ${report.conditions.scalingTimeScale})`,
    xLabel: "web services in the stack",
    yLabel: "emulator-scaled ms",
  }));
}
