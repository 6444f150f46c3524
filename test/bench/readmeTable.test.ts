import { renderReadmeTable } from "../../bench/readmeTable";
import { BenchResult, toJsonLine } from "../../bench/result";
import { checkTargets } from "../../bench/targets";

const result: BenchResult = {
  peakRssMb200: 320.5,
  scaling: { ratio: 9.1, n200Ms: 9100, n20Ms: 1000 },
  providerBytes: { mean: 9000, max: 60000 },
  stage3Up: { ratio: 1.2, criticalPathMs: 1000, wallMs: 1200 },
  createWritesWebService2Domains: 3,
  refreshReadsPerWebService: 3,
  noopUp: { readsPerResource: 2.5, writes: 0 },
};

describe("bench report", () => {
  it("writes the JSON line with keys in contract order", () => {
    expect(toJsonLine(result)).toBe(
      '{"noopUp":{"writes":0,"readsPerResource":2.5},"refreshReadsPerWebService":3,' +
      '"createWritesWebService2Domains":3,"stage3Up":{"wallMs":1200,"criticalPathMs":1000,"ratio":1.2},' +
      '"providerBytes":{"max":60000,"mean":9000},"scaling":{"n20Ms":1000,"n200Ms":9100,"ratio":9.1},"peakRssMb200":320.5}',
    );
  });

  it("flags exactly the figures over budget", () => {
    expect(checkTargets(result).filter((c) => !c.met).map((c) => c.figure)).toEqual(["providerBytes.max"]);
    expect(checkTargets({ ...result, noopUp: { writes: 1, readsPerResource: 2 } }).filter((c) => !c.met)
      .map((c) => c.figure)).toEqual(["noopUp.writes", "providerBytes.max"]);
  });

  it("puts each figure beside the Terraform provider's and cites the cassettes", () => {
    const table = renderReadmeTable(result, { seed: 7, timeScale: 0.05, scalingTimeScale: 0.05, repeats: 2 });
    expect(table).toContain("| `refreshReadsPerWebService` | 3 |  | ≤ 3 | met | 8 |");
    expect(table).toContain("| `providerBytes.max` | 60000 | bytes; mean 9000 | ≤ 51200 | **missed** | n/a |");
    expect(table).toContain("| `stage3Up.ratio` | 1.2 | 1200 ms wall / 1000 ms critical path | ≤ 1.3 | met | n/a |");
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
