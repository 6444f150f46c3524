/**
 * The sandbox's stack state: `.sandbox/<stack>.json`, in the checkpoint layout `pulumi stack export` prints
 * (apitype DeploymentV3: every dynamic resource's `__provider` in its inputs and its outputs, secrets in the
 * engine's envelopes), written atomically (temp file + rename), secrets sealed by a SecretBox, and a lock file
 * so only one run works on a stack at a time.
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

/** The state file of version 1 (before the checkpoint layout): still read, and rewritten as version 3. */
interface StateFileV1 {
  version: 1;
  project: string;
  stack: string;
  secrets: SecretsHeader;
  /** Serialized providers by hash: each resource's `__provider` is stored once here, as `sha256:<hash>`. */
  providers?: Record<string, string>;
  resources: ResourceState[];
  appliedConfig?: Record<string, string>;
}

/**
 * One resource as `pulumi stack export` prints it: apitype.ResourceV3 (sdk/go/common/apitype/core.go), with its
 * JSON field names. Secret values are the engine's envelopes (`{"4dabf…": "1b47…", "ciphertext": …}`).
 */
export interface ResourceV3 {
  urn: string;
  custom: boolean;
  delete?: boolean;
  id?: string;
  type: string;
  inputs?: PropertyMap;
  outputs?: PropertyMap;
  parent?: string;
  protect?: boolean;
  external?: boolean;
  dependencies?: string[];
  initErrors?: string[];
  provider?: string;
  propertyDependencies?: Record<string, string[]>;
  pendingReplacement?: boolean;
  additionalSecretOutputs?: string[];
  aliases?: string[];
  importID?: string;
  retainOnDelete?: boolean;
  deletedWith?: string;
  created?: string;
  modified?: string;
}

/** apitype.DeploymentV3. */
export interface DeploymentV3 {
  manifest: { time: string; magic: string; version: string };
  secrets_providers?: { type: string; state?: unknown };
  resources?: ResourceV3[];
  pending_operations?: unknown[];
}

/**
 * The state file: apitype.UntypedDeployment (`{version: 3, deployment}`, what `pulumi stack export` prints and
 * `pulumi stack import` reads), plus what only the sandbox keeps, under `sandbox`.
 */
export interface StateFileV3 {
  version: 3;
  deployment: DeploymentV3;
  sandbox: { project: string; stack: string; appliedConfig?: Record<string, string> };
}

/** The type of the default provider resource of dynamic resources. */
export const NODEJS_PROVIDER_TYPE = "pulumi:providers:pulumi-nodejs";
const PROVIDER_KEY = "__provider";
const PROVIDER_REF = "sha256:";
/** What the manifest names as the engine that wrote the checkpoint. */
export const MANIFEST_VERSION = "render-stages-sandbox";

export class StateStore {
  private writing: Promise<void> = Promise.resolve();
  private next: StackState | undefined;

  private constructor(readonly paths: StatePaths, readonly box: SecretBox) {}

  /** Opens the store and returns the state found on disk (empty for a new stack); a version 1 file is migrated. */
  static open(paths: StatePaths, project: string, stack: string, passphrase?: string): { store: StateStore; state: StackState } {
    fs.mkdirSync(paths.dir, { recursive: true });
    let file: StateFileV1 | StateFileV3 | undefined;
    try {
      file = JSON.parse(fs.readFileSync(paths.state, "utf8")) as StateFileV1 | StateFileV3;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") {
        throw new Error(`state file ${paths.state} cannot be read: ${(err as Error).message}`);
      }
    }
    if (file && file.version !== 1 && file.version !== 3) {
      throw new Error(`state file ${paths.state} has version ${String((file as { version?: unknown }).version)}; this sandbox reads versions 1 and 3.`);
    }
    const header = file?.version === 3 ? file.deployment.secrets_providers?.state as SecretsHeader | undefined : file?.secrets;
    const box = SecretBox.open(paths.key, passphrase, header);
    const store = new StateStore(paths, box);
    let resources: ResourceState[];
    if (file?.version === 3) {
      resources = (file.deployment.resources ?? []).map((r) => fromResourceV3(box.unseal(r) as ResourceV3));
    } else {
      const providers = file?.providers ?? {};
      resources = (file?.resources ?? []).map((r) => {
        const res = box.unseal(r) as ResourceState;
        return { ...res, inputs: expandProvider(res.inputs, providers), outputs: expandProvider(res.outputs, providers) };
      });
    }
    const meta = file?.version === 3 ? file.sandbox : file;
    const state: StackState = { version: 1, project: meta?.project ?? project, stack, resources };
    if (meta?.appliedConfig) state.appliedConfig = meta.appliedConfig;
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

  /** The checkpoint text of a state, as saved. */
  serialize(state: StackState): string {
    const file: StateFileV3 = {
      version: 3,
      deployment: {
        manifest: { time: new Date().toISOString(), magic: magicOf(MANIFEST_VERSION), version: MANIFEST_VERSION },
        secrets_providers: { type: this.box.header.kind, state: this.box.header },
        resources: state.resources.map((r) => this.box.seal(toResourceV3(r)) as ResourceV3),
      },
      sandbox: {
        project: state.project, stack: state.stack, ...(state.appliedConfig ? { appliedConfig: state.appliedConfig } : {}),
      },
    };
    return JSON.stringify(file, null, 2) + "\n";
  }
}

/** The manifest's integrity mark: the SHA-256 of the engine version, as the CLI computes it. */
function magicOf(version: string): string {
  return crypto.createHash("sha256").update(version).digest("hex");
}

/** A resource in the checkpoint's layout; empty optional fields are left out, as Go's `omitempty` does. */
export function toResourceV3(r: ResourceState): ResourceV3 {
  // Field order as the Go struct declares them, so an export and this file read alike.
  const out: Record<string, unknown> = {
    urn: r.urn, custom: r.custom, delete: r.pendingDelete || undefined, id: r.id, type: r.type,
    inputs: Object.keys(r.inputs).length > 0 ? r.inputs : undefined,
    outputs: Object.keys(r.outputs).length > 0 ? r.outputs : undefined,
    parent: r.parent || undefined, protect: r.protect || undefined,
    dependencies: r.dependencies.length > 0 ? r.dependencies : undefined,
    initErrors: r.initErrors?.length ? r.initErrors : undefined, provider: r.provider || undefined,
    additionalSecretOutputs: r.additionalSecretOutputs.length > 0 ? r.additionalSecretOutputs : undefined,
    retainOnDelete: r.retainOnDelete || undefined,
  };
  for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
  return out as unknown as ResourceV3;
}

/** A checkpoint resource as the engine works with it. */
export function fromResourceV3(r: ResourceV3): ResourceState {
  const res: ResourceState = {
    urn: r.urn, type: r.type, custom: r.custom, inputs: r.inputs ?? {}, outputs: r.outputs ?? {},
    dependencies: r.dependencies ?? [], protect: r.protect ?? false, retainOnDelete: r.retainOnDelete ?? false,
    deleteBeforeReplace: false, additionalSecretOutputs: r.additionalSecretOutputs ?? [],
  };
  if (r.id !== undefined) res.id = r.id;
  if (r.parent) res.parent = r.parent;
  if (r.provider) res.provider = r.provider;
  if (r.initErrors?.length) res.initErrors = r.initErrors;
  if (r.delete) res.pendingDelete = true;
  // Package resources (and their providers) are planned from their inputs only, never applied offline.
  if (r.custom && !r.type.startsWith("pulumi-nodejs:dynamic") && r.type !== NODEJS_PROVIDER_TYPE) res.offline = true;
  return res;
}

/**
 * The resources of a state file's text, in the engine's shape, secrets still sealed (for tools that inspect a
 * state without its key): reads both the checkpoint layout (version 3) and version 1.
 */
export function stateFileResources(text: string): ResourceState[] {
  const file = JSON.parse(text) as Partial<StateFileV1> | Partial<StateFileV3>;
  if (file.version === 3) return ((file as StateFileV3).deployment?.resources ?? []).map(fromResourceV3);
  const v1 = file as Partial<StateFileV1>;
  return (v1.resources ?? []).map((r) => ({
    ...r, inputs: expandProvider(r.inputs ?? {}, v1.providers ?? {}), outputs: expandProvider(r.outputs ?? {}, v1.providers ?? {}),
  }));
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
