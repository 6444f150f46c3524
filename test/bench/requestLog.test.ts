import { tally } from "../../bench/requestLog";

describe("tally", () => {
  it("splits Render API calls into reads and writes, leaving out admin routes", () => {
    const result = tally({
      total: 9,
      byMethod: { GET: 5, POST: 3, PUT: 1, PATCH: 0, DELETE: 0 },
      routes: [
        { method: "GET", path: "/v1/services/{serviceId}", count: 2, totalMs: 200 },
        { method: "GET", path: "/v1/services/{serviceId}/env-vars", count: 2, totalMs: 200 },
        { method: "GET", path: "/__emulator/state", count: 1, totalMs: 1 },
        { method: "POST", path: "/v1/services", count: 1, totalMs: 2000 },
        { method: "POST", path: "/v1/services/{serviceId}/custom-domains", count: 2, totalMs: 800 },
        { method: "PUT", path: "/v1/services/{serviceId}/env-vars", count: 1, totalMs: 300 },
        { method: "PATCH", path: "/v1/services/{serviceId}", count: 0, totalMs: 0 },
      ],
    });
    expect(result).toEqual({
      reads: 4,
      writes: 4,
      calls: [
        "GET /v1/services/{serviceId} ×2",
        "GET /v1/services/{serviceId}/env-vars ×2",
        "POST /v1/services ×1",
        "POST /v1/services/{serviceId}/custom-domains ×2",
        "PUT /v1/services/{serviceId}/env-vars ×1",
      ],
    });
  });
});
