import { BenchResult } from "./result";

/** The budget each figure must meet, and how to read it from a result. */
export interface Target {
  readonly figure: string;
  readonly limit: number;
  readonly comparison: "=" | "<=";
  readonly value: (result: BenchResult) => number;
}

export function benchTargets(): Target[] {
  return [
    { figure: "noopUp.writes", limit: 0, comparison: "=", value: (r) => r.noopUp.writes },
    { figure: "noopUp.readsPerResource", limit: 3, comparison: "<=", value: (r) => r.noopUp.readsPerResource },
    { figure: "refreshReadsPerWebService", limit: 3, comparison: "<=", value: (r) => r.refreshReadsPerWebService },
    { figure: "createWritesWebService2Domains", limit: 3, comparison: "<=", value: (r) => r.createWritesWebService2Domains },
    { figure: "stage3Up.ratio", limit: 1.08, comparison: "<=", value: (r) => r.stage3Up.ratio },
    { figure: "providerBytes.max", limit: 50 * 1024, comparison: "<=", value: (r) => r.providerBytes.max },
    { figure: "scaling.ratio", limit: 12, comparison: "<=", value: (r) => r.scaling.ratio },
    { figure: "peakRssMb200", limit: 500, comparison: "<=", value: (r) => r.peakRssMb200 },
    { figure: "programLoad.ms", limit: 2000, comparison: "<=", value: (r) => r.programLoad.ms },
    { figure: "programLoad.rssMb", limit: 250, comparison: "<=", value: (r) => r.programLoad.rssMb },
    { figure: "checkpointBytesPerResource", limit: 8192, comparison: "<=", value: (r) => r.checkpointBytesPerResource },
    { figure: "checkpointBytes200", limit: 4 * 1024 * 1024, comparison: "<=", value: (r) => r.checkpointBytes200 },
  ];
}

export interface TargetCheck {
  readonly figure: string;
  readonly value: number;
  readonly limit: string;
  readonly met: boolean;
}

export function checkTargets(result: BenchResult): TargetCheck[] {
  return benchTargets().map((t) => {
    const value = t.value(result);
    const met = t.comparison === "=" ? value === t.limit : value <= t.limit;
    return { figure: t.figure, value, limit: `${t.comparison === "=" ? "=" : "≤"} ${t.limit}`, met };
  });
}
