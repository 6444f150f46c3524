import { BenchResult } from "./result";
import { checkTargets } from "./targets";
import { terraformFigures } from "./terraform";

export interface RunConditions {
  readonly seed: number;
  readonly timeScale: number;
  readonly scalingTimeScale: number;
  /** Timed runs per figure; the fastest counts. */
  readonly repeats: number;
}

/** What stands behind a figure, in its unit; `notes` adds what the result alone does not hold. */
function detailOf(figure: string, r: BenchResult, notes: Record<string, string>): string {
  if (notes[figure]) return notes[figure];
  switch (figure) {
    case "stage3Up.ratio": return `${r.stage3Up.wallMs} ms wall / ${r.stage3Up.criticalPathMs} ms critical path`;
    case "providerBytes.max": return `bytes; mean ${r.providerBytes.mean}`;
    case "scaling.ratio": return `${r.scaling.n20Ms} ms for 20 services, ${r.scaling.n200Ms} ms for 200`;
    case "peakRssMb200": return "MB: resident memory summed over the engine worker (program inline) and the plugin, heaviest run";
    case "programLoad.ms": return "ms: stage 0 `index.ts` through the language host's own loader (`@pulumi/pulumi/cmd/run`), project settings";
    case "programLoad.rssMb": return "MB: peak resident memory of that load";
    case "checkpointBytesPerResource": return "bytes: mean checkpoint entry of a dynamic resource, stage 3, `__provider` in inputs and outputs";
    case "checkpointBytes200": return "bytes: the 200-service stack's checkpoint file";
    default: return "";
  }
}

/** The README's benchmark table: our latest figures beside the Terraform provider's, with sources. */
export function renderReadmeTable(result: BenchResult, conditions: RunConditions, notes: Record<string, string> = {}): string {
  const terraform = new Map(terraformFigures().map((t) => [t.figure, t]));
  const rows = checkTargets(result).map((check) => {
    const tf = terraform.get(check.figure);
    const status = check.met ? "met" : "**missed**";
    return `| \`${check.figure}\` | ${check.value} | ${detailOf(check.figure, result, notes)} | ${check.limit} | ${status} | ${tf?.value ?? "n/a"} |`;
  });
  const sources = terraformFigures().map((t) => `- \`${t.figure}\` = ${t.value}: ${t.source}.`);
  return [
    "| figure | this program | measured | target | status | Terraform provider |",
    "|---|---|---|---|---|---|",
    ...rows,
    "",
    `Measured by \`npm run bench\` on the emulator with realistic latency and seed ${conditions.seed}: stage 3 and ` +
      `the call counts with latencies and lifecycles × ${conditions.timeScale}, the scaling runs × ` +
      `${conditions.scalingTimeScale}; times in emulator-scaled ms, the fastest of ${conditions.repeats} runs. ` +
      "`noopUp` is a second `up --refresh`. The scaling runs turn the emulator's rate limits off: Render allows " +
      "20 `POST /services` an hour.",
    "Terraform figures count the calls render-oss/terraform-provider-render makes in its recorded cassettes:",
    ...sources,
    "",
  ].join("\n");
}
