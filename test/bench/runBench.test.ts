import { toJsonLine } from "../../bench/result";
import { chartSeries } from "../../bench/runBench";

describe("chartSeries", () => {
  it("plots runs by stack size beside the straight line to the largest run", () => {
    expect(chartSeries([{ n: 200, ms: 9000, peakRssMb: 1 }, { n: 20, ms: 1500, peakRssMb: 1 }])).toEqual([
      { label: "preview + up", points: [{ n: 20, ms: 1500 }, { n: 200, ms: 9000 }] },
      { label: "linear to n=200", points: [{ n: 0, ms: 0 }, { n: 200, ms: 9000 }] },
    ]);
  });
});

describe("toJsonLine", () => {
  it("has exactly the contract's keys, all numbers", () => {
    const line = toJsonLine({
      noopUp: { writes: 0, readsPerResource: 0 }, refreshReadsPerWebService: 3, createWritesWebService2Domains: 3,
      stage3Up: { wallMs: 1, criticalPathMs: 1, ratio: 1 }, providerBytes: { max: 1, mean: 1 },
      scaling: { n20Ms: 1, n200Ms: 1, ratio: 1 }, peakRssMb200: 1,
      programLoad: { ms: 1, rssMb: 1 }, checkpointBytesPerResource: 1, checkpointBytes200: 1,
    });
    const parsed = JSON.parse(line) as Record<string, unknown>;
    const shape = (v: unknown): unknown => (typeof v === "object" && v !== null
      ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shape(x)])) : typeof v);
    expect(shape(parsed)).toEqual({
      noopUp: { writes: "number", readsPerResource: "number" },
      refreshReadsPerWebService: "number",
      createWritesWebService2Domains: "number",
      stage3Up: { wallMs: "number", criticalPathMs: "number", ratio: "number" },
      providerBytes: { max: "number", mean: "number" },
      scaling: { n20Ms: "number", n200Ms: "number", ratio: "number" },
      peakRssMb200: "number",
      programLoad: { ms: "number", rssMb: "number" },
      checkpointBytesPerResource: "number",
      checkpointBytes200: "number",
    });
  });
});
