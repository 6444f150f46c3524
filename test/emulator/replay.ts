/**
 * Replays a trimmed cassette against an emulator: recorded ids and cursors are mapped to the
 * emulator's by their position in earlier responses, the emulator clock follows the recorded
 * response dates, and each response is checked for the recorded status, rate-limit class, every
 * recorded key (recursively, with leaf types) and the recorded lifecycle status.
 */
import { call } from "./http";

export interface FixtureInteraction {
  id: number;
  method: string;
  path: string;
  query: string;
  body?: unknown;
  status: number;
  date: number;
  rateLimit?: number;
  response?: unknown;
}

export interface Fixture {
  source: string;
  recordedOwnerId: string;
  interactions: FixtureInteraction[];
}

export interface ReplayTarget {
  url: string;
  apiUrl: string;
  apiKey: string;
  ownerId: string;
}

const RECORDED_ID = /^(srv|dpg|red|evg|prj|evm|dsk|cdm|dep|tea|usr|own)-[0-9a-z]{20}(-[a-z])?$/;
const LIFECYCLE_PATH = /^\/(postgres|key-value|redis)(\/[^/]+)?$|^\/services\/[^/]+\/deploys(\/[^/]+)?$/;

function learn(recorded: unknown, actual: unknown, ids: Map<string, string>, key = ""): void {
  if (Array.isArray(recorded) && Array.isArray(actual)) {
    recorded.forEach((item, i) => learn(item, actual[i], ids));
  } else if (recorded !== null && typeof recorded === "object" && actual !== null && typeof actual === "object") {
    for (const [k, v] of Object.entries(recorded)) learn(v, (actual as Record<string, unknown>)[k], ids, k);
  } else if (typeof recorded === "string" && typeof actual === "string" && (RECORDED_ID.test(recorded) || key === "cursor") && !ids.has(recorded)) {
    ids.set(recorded, actual);
  }
}

function checkShape(recorded: unknown, actual: unknown, where: string, problems: string[]): void {
  if (recorded === null) return;
  if (Array.isArray(recorded)) {
    if (!Array.isArray(actual)) return void problems.push(`${where}: expected an array, got ${JSON.stringify(actual)?.slice(0, 80)}`);
    if (actual.length !== recorded.length) problems.push(`${where}: expected ${recorded.length} items, got ${actual.length}`);
    recorded.forEach((item, i) => checkShape(item, actual[i], `${where}[${i}]`, problems));
    return;
  }
  if (typeof recorded === "object") {
    if (actual === null || typeof actual !== "object" || Array.isArray(actual)) return void problems.push(`${where}: expected an object, got ${JSON.stringify(actual)?.slice(0, 80)}`);
    for (const [key, value] of Object.entries(recorded as Record<string, unknown>)) {
      if (!(key in (actual as Record<string, unknown>))) problems.push(`${where}.${key}: missing`);
      else checkShape(value, (actual as Record<string, unknown>)[key], `${where}.${key}`, problems);
    }
    return;
  }
  const expectedType = typeof recorded === "string" && /^<(\w+)>$/.test(recorded) ? recorded.slice(1, -1) : typeof recorded;
  if (typeof actual !== expectedType) problems.push(`${where}: expected a ${expectedType}, got ${JSON.stringify(actual)}`);
}

function substitute(text: string, ids: Map<string, string>): string {
  let out = text;
  for (const [recorded, actual] of [...ids.entries()].sort((a, b) => b[0].length - a[0].length)) out = out.split(recorded).join(actual);
  return out;
}

export interface InteractionResult {
  id: number;
  request: string;
  problems: string[];
}

export async function replayFixture(fixture: Fixture, target: ReplayTarget): Promise<InteractionResult[]> {
  const ids = new Map<string, string>([[fixture.recordedOwnerId, target.ownerId]]);
  const results: InteractionResult[] = [];
  let lastDate = fixture.interactions[0]?.date ?? 0;
  for (const step of fixture.interactions) {
    if (step.date > lastDate) {
      await call(target.url, "POST", "/__emulator/clock", { body: { advanceMs: step.date - lastDate } });
      lastDate = step.date;
    }
    const path = substitute(step.path + (step.query ? `?${step.query}` : ""), ids);
    const body = step.body === undefined ? undefined : substitute(JSON.stringify(step.body), ids);
    const response = await call(target.apiUrl, step.method, path, { rawBody: body, apiKey: target.apiKey });
    const problems: string[] = [];
    if (response.status !== step.status) problems.push(`status ${response.status} (${response.text.trim().slice(0, 160)}), recorded ${step.status}`);
    if (step.rateLimit !== undefined && response.headers["ratelimit-limit"] !== String(step.rateLimit)) {
      problems.push(`Ratelimit-Limit ${response.headers["ratelimit-limit"]}, recorded ${step.rateLimit}`);
    }
    if (step.response !== undefined) {
      checkShape(step.response, response.body, "body", problems);
      learn(step.response, response.body, ids);
      const recordedStatus = (step.response as { status?: unknown }).status;
      const actualStatus = (response.body as { status?: unknown } | undefined)?.status;
      if (LIFECYCLE_PATH.test(step.path) && typeof recordedStatus === "string" && actualStatus !== recordedStatus) {
        problems.push(`lifecycle status ${JSON.stringify(actualStatus)}, recorded ${JSON.stringify(recordedStatus)}`);
      }
    } else if (response.text !== "") {
      problems.push(`expected an empty body, got ${response.text.slice(0, 80)}`);
    }
    results.push({ id: step.id, request: `${step.method} ${step.path}`, problems });
  }
  return results;
}
