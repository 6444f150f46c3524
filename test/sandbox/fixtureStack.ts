/** A throwaway stack of the fixture program: its own directory for the stack file, state and the thing store. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { SandboxResult } from "../../sandbox/engine";
import { IsolatedOptions, runSandboxIsolated } from "../../sandbox/isolated";
import { loadProject } from "../../sandbox/stackConfig";

const FIXTURES = path.join(__dirname, "fixtures");
export const TOKEN = "tok-3f9a1c77e2";

export class FixtureStack {
  readonly dir: string;
  readonly output: string[] = [];

  /** `program` is a directory under fixtures/ holding a Pulumi project. */
  constructor(readonly name: string, readonly program: "program" | "topLevel" | "mixed" = "program") {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), `sandbox-${name}-`));
  }

  get projectDir(): string {
    return path.join(FIXTURES, this.program);
  }

  get stackFile(): string {
    return path.join(this.dir, `Pulumi.${this.name}.yaml`);
  }

  get stateFile(): string {
    return path.join(this.dir, "state", `${this.name}.json`);
  }

  /** Writes the stack config (values as YAML scalars or JSON) with the store directory and a secure token. */
  configure(config: Record<string, unknown>): this {
    const values = { storeDir: this.dir, region: "oregon", ...config };
    const ns = loadProject(this.projectDir).name;
    const lines = ["config:", `  ${ns}:token:`, "    secure: v1:AAAAAAAAAAAAAAAA:ZmFrZQ=="];
    for (const [k, v] of Object.entries(values)) lines.push(`  ${ns}:${k}: ${JSON.stringify(v)}`);
    fs.writeFileSync(this.stackFile, lines.join("\n") + "\n");
    return this;
  }

  run(opts: Partial<IsolatedOptions> = {}): Promise<SandboxResult> {
    this.output.length = 0;
    return runSandboxIsolated({
      projectDir: this.projectDir, stack: this.stackFile, emulator: false, stateDir: path.join(this.dir, "state"),
      env: { ...process.env, SANDBOX_SECRET_TOKEN: TOKEN }, print: (text) => this.output.push(text), ...opts,
    });
  }

  /** Provider writes since the last call, in order (`create app-db-oregon`, …). */
  takeWrites(): string[] {
    const file = path.join(this.dir, "writes.log");
    if (!fs.existsSync(file)) return [];
    const lines = fs.readFileSync(file, "utf8").split("\n").filter(Boolean);
    fs.rmSync(file);
    return lines;
  }

  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** `action name` pairs of a result, skipping unchanged resources. */
export function changes(result: SandboxResult): string[] {
  return result.resources.filter((r) => r.action !== "same").map((r) => `${r.action} ${r.name}`);
}
