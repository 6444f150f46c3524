import { NO_RESPONSE, judgeConfigMessage, judgeFaultError, statusAnswer } from "../../chaos/clarity";

describe("fault error clarity", () => {
  const expected = { resourceNames: ["chaos-postgres", "chaos-db"], answers: [statusAnswer(500), "internal server error (c1)"] };

  it("accepts an error naming the resource, Render's answer and the next step", () => {
    const text = 'Postgres "chaos-db": Render API POST /postgres failed with 500: internal server error (c1). Re-run `npm run sandbox`.';
    expect(judgeFaultError(text, expected)).toEqual({ clear: true, missing: [] });
  });

  it("lists what a vague error lacks", () => {
    expect(judgeFaultError("something failed", expected)).toEqual({ clear: false, missing: ["resource name", "Render's message or status", "next step"] });
    expect(judgeFaultError("chaos-db failed with 5000, re-run", expected).missing).toEqual(["Render's message or status"]);
  });

  it("counts a network failure as Render's answer when no response came back", () => {
    const text = "Service chaos-web: Render API POST /services failed: network error ECONNRESET. Check Render, then re-run.";
    expect(judgeFaultError(text, { resourceNames: ["chaos-web"], answers: [NO_RESPONSE] })).toEqual({ clear: true, missing: [] });
  });
});

describe("bad input message clarity", () => {
  const expected = { field: "apps.web.numInstances", value: "0", allowed: ["1 to 100"] };

  it("needs the field, the value as a whole token and what is allowed", () => {
    expect(judgeConfigMessage("apps.web.numInstances: 0 is not a whole number from 1 to 100", expected)).toEqual({ clear: true, missing: [] });
    expect(judgeConfigMessage("apps.web.numInstances: must be from 1 to 100", expected).missing).toEqual(["value 0"]);
    expect(judgeConfigMessage("numInstances: 0 is wrong", expected).missing).toEqual(["field apps.web.numInstances", "allowed (1 to 100)"]);
  });

  it("accepts a dotted spelling of an indexed path", () => {
    expect(judgeConfigMessage('apps.web.domains.0: "x" is not a domain name (e.g. www.example.com)', { field: "apps.web.domains[0]", value: "x", allowed: ["www.example.com"] }).clear).toBe(true);
  });
});
