/**
 * `programLoad`: `index.ts` loaded the way the nodejs language host loads it, with the project's settings
 * (Pulumi.yaml `runtime.options.typescript`, tsconfig.json and its `noCheck`): programLoadChild.js runs
 * `@pulumi/pulumi/cmd/run` itself in a fresh Node process, with mocks in place of the resource monitor, on the
 * stage 0 dev stack. Wall time from process start to the program's end, and the process's peak resident memory.
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import YAML from "yaml";
import { loadProject, loadStackConfig } from "../sandbox/stackConfig";
import { round2 } from "./result";

export interface ProgramLoad {
  readonly ms: number;
  readonly rssMb: number;
  /** Cloud SDKs (`@pulumi/aws`, …) the load required. */
  readonly sdks?: readonly string[];
  /** Resources the program registered. */
  readonly resources?: number;
}

/** What the language host puts in the program's environment for this project and stack. */
export function hostEnvironment(projectDir: string, stack: string, stage: number): Record<string, string> {
  const project = loadProject(projectDir);
  const config = loadStackConfig(project, stack, { env: process.env, overrides: { stage } });
  const doc = YAML.parse(fs.readFileSync(path.join(projectDir, "Pulumi.yaml"), "utf8")) as {
    runtime?: string | { options?: { typescript?: boolean } };
  };
  const options = typeof doc.runtime === "object" ? doc.runtime.options ?? {} : {};
  return {
    PULUMI_NODEJS_TYPESCRIPT: String(options.typescript ?? true),
    PULUMI_CONFIG: JSON.stringify(config.config),
    PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(config.secretKeys),
    PULUMI_NODEJS_PROJECT: project.name,
    PULUMI_NODEJS_STACK: config.stack,
    PULUMI_NODEJS_ORGANIZATION: "organization",
  };
}

/** One load in a fresh process; `env` adds to the host's variables (e.g. PULUMI_NODEJS_TRANSPILE_ONLY). */
export function loadOnce(projectDir: string, stack: string, env: Record<string, string> = {}): Promise<ProgramLoad> {
  const project = loadProject(projectDir);
  const vars: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ...hostEnvironment(projectDir, stack, 0), ...env };
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [path.join(__dirname, "programLoadChild.js"), project.main], {
      cwd: projectDir, env: vars, maxBuffer: 16 * 1024 * 1024, timeout: 180_000,
    }, (err, stdout, stderr) => {
      const line = stdout.trim().split("\n").filter((l) => l.startsWith("{")).pop();
      const out = line ? JSON.parse(line) as { ok: boolean; loadMs: number; maxRssMb: number; sdks: string[]; resources: number } : undefined;
      if (!out?.ok) {
        reject(new Error(`loading ${project.main} as the language host does failed: ${err?.message ?? ""}\n${stderr.slice(-3000)}`));
        return;
      }
      resolve({ ms: Math.round(out.loadMs), rssMb: round2(out.maxRssMb), sdks: out.sdks, resources: out.resources });
    });
  });
}

/** The fastest of `repeats` loads (other work on the machine only ever adds time), with its memory. */
export async function measureProgramLoad(projectDir: string, stack: string, repeats: number): Promise<ProgramLoad> {
  let best: ProgramLoad | undefined;
  for (let i = 0; i < Math.max(1, repeats); i++) {
    const run = await loadOnce(projectDir, stack);
    if (!best || run.ms < best.ms) best = run;
  }
  return best!;
}
