import { renderReadmeTable } from "../../bench/readmeTable";
import { BenchResult, toJsonLine } from "../../bench/result";
import { checkTargets } from "../../bench/targets";

const result: BenchResult = {
  peakRssMb200: 320.5,
  scaling: { ratio: 9.1, n200Ms: 9100, n20Ms: 1000 },
  providerBytes: { mean: 9000, max: 60000 },
  stage3Up: { ratio: 1.05, criticalPathMs: 1000, wallMs: 1050 },
  createWritesWebService2Domains: 3,
  refreshReadsPerWebService: 3,
  noopUp: { readsPerResource: 2.5, writes: 0 },
  checkpointBytes200: 1_500_000,
  checkpointBytesPerResource: 5000,
  programLoad: { rssMb: 190.5, ms: 1500 },
};

describe("bench report", () => {
  it("writes the JSON line with keys in contract order", () => {
    expect(toJsonLine(result)).toBe(
      '{"noopUp":{"writes":0,"readsPerResource":2.5},"refreshReadsPerWebService":3,' +
      '"createWritesWebService2Domains":3,"stage3Up":{"wallMs":1050,"criticalPathMs":1000,"ratio":1.05},' +
      '"providerBytes":{"max":60000,"mean":9000},"scaling":{"n20Ms":1000,"n200Ms":9100,"ratio":9.1},"peakRssMb200":320.5,' +
      '"programLoad":{"ms":1500,"rssMb":190.5},"checkpointBytesPerResource":5000,"checkpointBytes200":1500000}',
    );
  });

  it("flags exactly the figures over budget", () => {
    expect(checkTargets(result).filter((c) => !c.met).map((c) => c.figure)).toEqual(["providerBytes.max"]);
    expect(checkTargets({ ...result, noopUp: { writes: 1, readsPerResource: 2 } }).filter((c) => !c.met)
      .map((c) => c.figure)).toEqual(["noopUp.writes", "providerBytes.max"]);
    expect(checkTargets({ ...result, programLoad: { ms: 11000, rssMb: 950 }, checkpointBytesPerResource: 84000,
      checkpointBytes200: 34_000_000, stage3Up: { wallMs: 1120, criticalPathMs: 1000, ratio: 1.12 } })
      .filter((c) => !c.met).map((c) => c.figure)).toEqual([
      "stage3Up.ratio", "providerBytes.max", "programLoad.ms", "programLoad.rssMb", "checkpointBytesPerResource", "checkpointBytes200"]);
  });

  it("puts each figure beside the Terraform provider's and cites the cassettes", () => {
    const table = renderReadmeTable(result, { seed: 7, timeScale: 0.05, scalingTimeScale: 0.05, repeats: 2 });
    expect(table).toContain("| `refreshReadsPerWebService` | 3 |  | ≤ 3 | met | 8 |");
    expect(table).toContain("| `providerBytes.max` | 60000 | bytes; mean 9000 | ≤ 51200 | **missed** | n/a |");
    expect(table).toContain("| `stage3Up.ratio` | 1.05 | 1050 ms wall / 1000 ms critical path | ≤ 1.08 | met | n/a |");
    expect(table).toContain("cas: web_service#0–#4");
    expect(table).toContain("seed 7");
    expect(table).toContain("the fastest of 2 runs");
  });

  it("puts a note beside its figure", () => {
    const table = renderReadmeTable(result, { seed: 7, timeScale: 1, scalingTimeScale: 0.05, repeats: 1 },
      { "noopUp.readsPerResource": "10 GETs over 4 resources" });
    expect(table).toContain("| `noopUp.readsPerResource` | 2.5 | 10 GETs over 4 resources | ≤ 3 | met | 4.67 |");
  });
});
