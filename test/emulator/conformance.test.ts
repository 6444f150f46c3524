import * as fs from "fs";
import * as path from "path";
import { startEmulator, type EmulatorHandle } from "../../emulator/server";
import { replayFixture, type Fixture } from "./replay";

const FIXTURES = path.join(__dirname, "..", "fixtures", "cassettes");
const fixtureNames = fs.readdirSync(FIXTURES).filter((name) => name.endsWith(".json")).sort();

describe("emulator conformance with recorded Render traffic", () => {
  let emulator: EmulatorHandle;
  beforeAll(async () => {
    emulator = await startEmulator({ seed: 7 });
  });
  afterAll(() => emulator.close());
  beforeEach(async () => {
    await fetchReset(emulator.url);
  });

  it("has a fixture for every recorded cassette", () => {
    expect(fixtureNames).toEqual(["disks.json", "env_group.json", "keyvalue.json", "postgres.json", "project.json", "web_service.json", "web_service_autoscaling.json"]);
  });

  test.each(fixtureNames)("replays %s with the recorded statuses, keys and lifecycle states", async (name) => {
    const fixture = JSON.parse(fs.readFileSync(path.join(FIXTURES, name), "utf8")) as Fixture;
    const results = await replayFixture(fixture, emulator);
    const failures = results.filter((result) => result.problems.length > 0).map((result) => `#${result.id} ${result.request}: ${result.problems.join("; ")}`);
    expect(failures).toEqual([]);
    expect(results).toHaveLength(fixture.interactions.length);
  });
});

async function fetchReset(url: string): Promise<void> {
  const { call } = await import("./http");
  const response = await call(url, "POST", "/__emulator/reset");
  if (response.status !== 204) throw new Error(`reset answered ${response.status}`);
}
