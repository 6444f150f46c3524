/** Generated stack configs for the scaling runs: `n` web services at stage 0, nothing else. */
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";

export function appKey(i: number): string {
  return `app-${String(i + 1).padStart(3, "0")}`;
}

/** A stage 0 stack of `n` independent web services, each with two env vars, no disk or domain. */
export function scalingStackConfig(n: number): Record<string, unknown> {
  if (!Number.isInteger(n) || n < 1 || n > 999) {
    throw new Error(`scaling stack: n = ${n} services; use a whole number from 1 to 999.`);
  }
  const apps: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    apps[appKey(i)] = {
      type: "web",
      runtime: "node",
      plan: "starter",
      repo: "https://github.com/render-examples/express-hello-world",
      branch: "main",
      buildCommand: "npm install",
      startCommand: "npm start",
      env: { NODE_ENV: "production", APP_INDEX: String(i + 1) },
    };
  }
  return {
    config: {
      "render-stages:stage": 0,
      "render-stages:namePrefix": `bench${n}`,
      "render-stages:protectData": false,
      "render-stages:apps": apps,
    },
  };
}

/** Writes `Pulumi.bench<n>.yaml` into `dir` and returns its path (the stack is named `bench<n>`). */
export function writeScalingStack(n: number, dir: string): string {
  const file = path.join(dir, `Pulumi.bench${n}.yaml`);
  fs.writeFileSync(file, YAML.stringify(scalingStackConfig(n)));
  return file;
}
