/** The figures `npm run bench` measures: the shape of its final JSON line. */
export interface BenchResult {
  /** A second `up --refresh` of an unchanged stage 3 stack (the refresh reads every Render resource). */
  readonly noopUp: { readonly writes: number; readonly readsPerResource: number };
  /** GETs to refresh one web service with env vars, secret files and 2 custom domains. */
  readonly refreshReadsPerWebService: number;
  /** Writes to create that web service. */
  readonly createWritesWebService2Domains: number;
  /** A fresh stage 3 `up` against its critical path, both in emulator-scaled ms. */
  readonly stage3Up: { readonly wallMs: number; readonly criticalPathMs: number; readonly ratio: number };
  /** Serialized `__provider` sizes in bytes, over every resource kind. */
  readonly providerBytes: { readonly max: number; readonly mean: number };
  /** preview + up of 20 and of 200 services. */
  readonly scaling: { readonly n20Ms: number; readonly n200Ms: number; readonly ratio: number };
  /** Peak resident memory of the engine and plugin processes during the 200-service run. */
  readonly peakRssMb200: number;
  /** `index.ts` loaded as the nodejs language host loads it (project settings), stage 0: wall ms and peak RSS. */
  readonly programLoad: { readonly ms: number; readonly rssMb: number };
  /** Mean bytes of a dynamic resource's entry in the checkpoint (stage 3 stack, engine layout). */
  readonly checkpointBytesPerResource: number;
  /** Bytes of the 200-service stack's checkpoint. */
  readonly checkpointBytes200: number;
}

/** Keys in contract order, so the JSON line always reads the same. */
export function toJsonLine(result: BenchResult): string {
  const ordered: BenchResult = {
    noopUp: { writes: result.noopUp.writes, readsPerResource: result.noopUp.readsPerResource },
    refreshReadsPerWebService: result.refreshReadsPerWebService,
    createWritesWebService2Domains: result.createWritesWebService2Domains,
    stage3Up: { wallMs: result.stage3Up.wallMs, criticalPathMs: result.stage3Up.criticalPathMs, ratio: result.stage3Up.ratio },
    providerBytes: { max: result.providerBytes.max, mean: result.providerBytes.mean },
    scaling: { n20Ms: result.scaling.n20Ms, n200Ms: result.scaling.n200Ms, ratio: result.scaling.ratio },
    peakRssMb200: result.peakRssMb200,
    programLoad: { ms: result.programLoad.ms, rssMb: result.programLoad.rssMb },
    checkpointBytesPerResource: result.checkpointBytesPerResource,
    checkpointBytes200: result.checkpointBytes200,
  };
  return JSON.stringify(ordered);
}

/** Two decimals: enough for ratios and per-resource means, stable in committed results. */
export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
