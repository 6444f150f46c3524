import * as path from "path";
import { startEmulator, EmulatorHandle } from "../../emulator/server";
import { collectProviderTexts, providerSizes } from "../../bench/providerTexts";
import { toJsonLine } from "../../bench/result";
import { assembleResult } from "../../bench/runBench";
import { measureWebServiceCalls, WebServiceCalls } from "../../bench/webServiceCalls";

const ROOT = path.resolve(__dirname, "..", "..");

describe("a tiny bench run", () => {
  let emulator: EmulatorHandle;
  let calls: WebServiceCalls;
  let sizes: ReturnType<typeof providerSizes>;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 7 });
    const texts = await collectProviderTexts(["Service"]);
    sizes = providerSizes(texts);
    calls = await measureWebServiceCalls(emulator, texts.get("Service")!, ROOT, { RENDER_POLL_INTERVAL_MS: "5" });
  });
  afterAll(() => emulator.close());

  it("counts the web service's calls through the real plugin, route by route", () => {
    const total = (list: string[]) => list.reduce((n, c) => n + Number(c.slice(c.lastIndexOf("×") + 1)), 0);
    expect(calls.create.writes + calls.create.reads).toBe(total(calls.create.calls));
    expect(calls.refresh.reads + calls.refresh.writes).toBe(total(calls.refresh.calls));
    expect(calls.create.calls).toContain("POST /v1/services ×1");
    // A web service with two domains: the service, then one POST per domain; refresh reads service, env vars, domains.
    expect(calls.create.writes).toBe(3);
    expect(calls.refresh.reads).toBe(3);
    expect(calls.refresh.writes).toBe(0);
  });

  it("prints the contract's JSON line from measured parts", () => {
    const line = toJsonLine(assembleResult({
      webService: calls,
      providerBytes: sizes,
      stage3: {
        fresh: { ms: 1300, peakRssMb: 1, peakProcesses: [], resources: 6 },
        criticalPath: { ms: 1000, steps: [] },
        noop: { reads: 3, writes: 0, calls: [] },
        noopMs: 200,
        renderResources: 3,
        checkpointBytesPerResource: 4321.5,
      },
      scaling: [{ n: 2, ms: 100, peakRssMb: 300 }, { n: 20, ms: 950, peakRssMb: 400, checkpointBytes: 765432 }],
      small: 2,
      large: 20,
      programLoad: { ms: 1234, rssMb: 180.25 },
    }));
    const parsed = JSON.parse(line);
    expect(Object.keys(parsed)).toEqual([
      "noopUp", "refreshReadsPerWebService", "createWritesWebService2Domains", "stage3Up", "providerBytes", "scaling", "peakRssMb200",
      "programLoad", "checkpointBytesPerResource", "checkpointBytes200",
    ]);
    expect(parsed.programLoad).toEqual({ ms: 1234, rssMb: 180.25 });
    expect(parsed.checkpointBytesPerResource).toBe(4321.5);
    expect(parsed.checkpointBytes200).toBe(765432);
    expect(parsed.refreshReadsPerWebService).toBe(3);
    expect(parsed.createWritesWebService2Domains).toBe(3);
    expect(parsed.providerBytes.max).toBe(sizes.max);
    expect(parsed.providerBytes.max).toBeGreaterThan(1000);
    expect(parsed.noopUp).toEqual({ writes: 0, readsPerResource: 1 });
    expect(parsed.stage3Up).toEqual({ wallMs: 1300, criticalPathMs: 1000, ratio: 1.3 });
    expect(parsed.scaling).toEqual({ n20Ms: 100, n200Ms: 950, ratio: 9.5 });
    expect(parsed.peakRssMb200).toBe(400);
  });

  it("names the missing run when a stack size was not measured", () => {
    expect(() => assembleResult({
      webService: calls, providerBytes: sizes,
      stage3: { fresh: { ms: 1, peakRssMb: 1, peakProcesses: [], resources: 1 }, criticalPath: { ms: 1, steps: [] }, noop: { reads: 0, writes: 0, calls: [] }, noopMs: 1, renderResources: 1, checkpointBytesPerResource: 1 },
      scaling: [{ n: 2, ms: 1, peakRssMb: 1 }], small: 2, large: 20, programLoad: { ms: 1, rssMb: 1 },
    })).toThrow("bench: no scaling run for n=20; ran 2.");
  });
});
