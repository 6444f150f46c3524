/**
 * The sandbox's stack state: `.sandbox/<stack>.json`, written atomically (temp file + rename), secrets sealed
 * by a SecretBox, and a lock file so only one run works on a stack at a time.
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { SecretBox, SecretsHeader } from "./secretBox";
import { checkStackName } from "./stackName";
import { PropertyMap } from "./wire";

export interface ResourceState {
  urn: string;
  type: string;
  custom: boolean;
  id?: string;
  parent?: string;
  /** Checked inputs (secret values wrapped). */
  inputs: PropertyMap;
  /** Outputs (secret values wrapped); for a dynamic resource they hold the `__provider` that deletes it. */
  outputs: PropertyMap;
  dependencies: string[];
  protect: boolean;
  retainOnDelete: boolean;
  deleteBeforeReplace: boolean;
  additionalSecretOutputs: string[];
  /** Provider reference (`<provider urn>::<id>`) of a resource from a package provider. */
  provider?: string;
  /** Planned from inputs only: no provider call was made for it (non-Render package resources). */
  offline?: boolean;
  /** Set when the provider created the object but it failed to initialise; the next run updates it. */
  initErrors?: string[];
  /** Replaced by a new copy (create-before-delete); deleted at the end of the run that replaced it. */
  pendingDelete?: boolean;
}

export interface StackState {
  version: 1;
  project: string;
  stack: string;
  resources: ResourceState[];
  /** Non-secret program config of the last successful update: the next one prices its cost change against it. */
  appliedConfig?: Record<string, string>;
}

export interface StatePaths {
  dir: string;
  state: string;
  lock: string;
  key: string;
  emulator: string;
}

export function statePaths(dir: string, stack: string): StatePaths {
  const base = path.join(dir, checkStackName(stack));
  return { dir, state: `${base}.json`, lock: `${base}.lock`, key: `${base}.key`, emulator: `${base}.emulator.json` };
}

interface StateFile {
  version: 1;
  project: string;
  stack: string;
  secrets: SecretsHeader;
  /** Serialized providers by hash: each resource's `__provider` is stored once here, as `sha256:<hash>`. */
  providers?: Record<string, string>;
  resources: ResourceState[];
  appliedConfig?: Record<string, string>;
}

const PROVIDER_KEY = "__provider";
const PROVIDER_REF = "sha256:";

export class StateStore {
  private writing: Promise<void> = Promise.resolve();
  private next: StackState | undefined;

  private constructor(readonly paths: StatePaths, readonly box: SecretBox) {}

  /** Opens the store and returns the state found on disk (empty for a new stack). */
  static open(paths: StatePaths, project: string, stack: string, passphrase?: string): { store: StateStore; state: StackState } {
    fs.mkdirSync(paths.dir, { recursive: true });
    let file: StateFile | undefined;
    try {
      file = JSON.parse(fs.readFileSync(paths.state, "utf8")) as StateFile;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") {
        throw new Error(`state file ${paths.state} cannot be read: ${(err as Error).message}`);
      }
    }
    const box = SecretBox.open(paths.key, passphrase, file?.secrets);
    const store = new StateStore(paths, box);
    const providers = file?.providers ?? {};
    const resources = (file?.resources ?? []).map((r) => {
      const res = box.unseal(r) as ResourceState;
      return { ...res, inputs: expandProvider(res.inputs, providers), outputs: expandProvider(res.outputs, providers) };
    });
    const state: StackState = { version: 1, project: file?.project ?? project, stack, resources };
    if (file?.appliedConfig) state.appliedConfig = file.appliedConfig;
    return { store, state };
  }

  /**
   * Queues an atomic write of the state; writes happen one after another in call order. States saved while a
   * write is in flight coalesce into the latest one: each is a full snapshot, and serializing every one of them
   * (a state of n resources, saved after each of n steps) would cost O(n²) time and memory.
   */
  save(state: StackState): Promise<void> {
    const queued = this.next !== undefined;
    this.next = state;
    if (!queued) {
      this.writing = this.writing.then(() => {
        const latest = this.next!;
        this.next = undefined;
        return writeAtomic(this.paths.state, this.serialize(latest));
      });
    }
    return this.writing;
  }

  private serialize(state: StackState): string {
    const providers: Record<string, string> = {};
    const file: StateFile = {
      version: 1, project: state.project, stack: state.stack, secrets: this.box.header, providers,
      resources: state.resources.map((r) => this.box.seal({
        ...r, inputs: shareProvider(r.inputs, providers), outputs: shareProvider(r.outputs, providers),
      }) as ResourceState),
      ...(state.appliedConfig ? { appliedConfig: state.appliedConfig } : {}),
    };
    return JSON.stringify(file, null, 2) + "\n";
  }
}

function shareProvider(props: PropertyMap, providers: Record<string, string>): PropertyMap {
  const code = props[PROVIDER_KEY];
  if (typeof code !== "string") return props;
  const hash = crypto.createHash("sha256").update(code).digest("hex");
  providers[hash] = code;
  return { ...props, [PROVIDER_KEY]: `${PROVIDER_REF}${hash}` };
}

function expandProvider(props: PropertyMap, providers: Record<string, string>): PropertyMap {
  const ref = props[PROVIDER_KEY];
  if (typeof ref !== "string" || !ref.startsWith(PROVIDER_REF)) return props;
  const code = providers[ref.slice(PROVIDER_REF.length)];
  if (code === undefined) throw new Error(`state file: provider ${ref} is referenced but missing; the state file is damaged.`);
  return { ...props, [PROVIDER_KEY]: code };
}

async function writeAtomic(file: string, text: string): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  const handle = await fs.promises.open(tmp, "w", 0o600);
  try {
    await handle.writeFile(text, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.promises.rename(tmp, file);
}

/** The stack lock lives in lock.ts; re-exported for the callers that know it from here. */
export { acquireLock } from "./lock";
