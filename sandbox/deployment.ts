/**
 * One deployment pass (preview or apply) over registrations from the program, as the engine's step generator does:
 * dynamic resources go Check → Diff (against saved state) → Create / Update / Replace / Same through the real
 * plugin; package resources (AWS, DigitalOcean, Cloudflare, providers) are planned from their inputs only;
 * components are recorded. After the program, resources it no longer registers are deleted in reverse order.
 */
import * as crypto from "crypto";
import { PluginHost, ResourceInitError } from "./pluginHost";
import { Registration } from "./protocol";
import { Redactor } from "./redactor";
import { NODEJS_PROVIDER_TYPE, ResourceState, StackState } from "./stateStore";
import { ROOT_STACK_TYPE, makeUrn, urnName } from "./urns";
import { applyIgnoreChanges, changedKeys } from "./inputDiff";
import { PropertyMap, markSecrets, revealSecrets, secretKeys } from "./wire";

export type Action = "create" | "update" | "replace" | "delete" | "same" | "read";

export interface Step {
  urn: string;
  type: string;
  name: string;
  action: Action;
  id?: string;
  /** Top-level inputs that changed (update, replace). */
  diffs: string[];
  /** Inputs that force the replacement. */
  replaces: string[];
  deleteBeforeReplace: boolean;
  /** Planned from inputs only; no provider was called for it. */
  offline: boolean;
  error?: string;
}

export interface DeploymentOptions {
  preview: boolean;
  plugin: PluginHost;
  old: StackState;
  redactor: Redactor;
  /** Called after every applied step with the state to persist. */
  save?: (state: StackState) => Promise<void>;
  onStep?: (step: Step) => void;
  /**
   * The stack config the plugin was configured with (`<project>:<key>`, secret values wrapped): the inputs of the
   * default provider resource of dynamic resources, `pulumi:providers:pulumi-nodejs::default`. Without it (a
   * destroy) the stored provider resource is kept as it is until it is deleted.
   */
  providerConfig?: PropertyMap;
}

/** URN of the default provider resource of a stack's dynamic resources. */
export function defaultProviderUrn(state: Pick<StackState, "project" | "stack">): string {
  return makeUrn(state.stack, state.project, undefined, NODEJS_PROVIDER_TYPE, "default");
}

/** The default provider resource a state holds (absent in states written before the checkpoint layout). */
export function defaultProviderOf(state: StackState): ResourceState | undefined {
  const urn = defaultProviderUrn(state);
  return state.resources.find((r) => r.urn === urn && !r.pendingDelete);
}

const DYNAMIC_PREFIX = "pulumi-nodejs:dynamic";
/** The id of a provider not created yet, as the engine shows it in a preview. */
const UNKNOWN_ID = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const STACK_REFERENCE = "pulumi:pulumi:StackReference";

export function isDynamic(type: string): boolean {
  return type === `${DYNAMIC_PREFIX}:Resource` || type.startsWith(`${DYNAMIC_PREFIX}/`);
}

export function protectedDeleteMessage(urn: string): string {
  return `unable to delete resource "${urn}"\nas it is currently marked for protection. To unprotect the resource, `
    + "either remove the `protect` flag from the resource in your Pulumi program and run `pulumi up` or use the command:\n"
    + `\`pulumi state unprotect '${urn}'\``;
}

export function protectedReplaceMessage(urn: string): string {
  return `unable to replace resource "${urn}"\nas it is currently marked for protection. To unprotect the resource, `
    + "remove the `protect` flag from the resource in your Pulumi program and run `pulumi up`";
}

/** The stack outputs a state holds (secret ones wrapped). */
export function stackOutputsOf(state: StackState): PropertyMap {
  return state.resources.find((r) => r.type === ROOT_STACK_TYPE && !r.pendingDelete)?.outputs ?? {};
}

class StepError extends Error {}

export class Deployment {
  readonly steps: Step[] = [];
  readonly errors: string[] = [];
  private readonly oldByUrn = new Map<string, ResourceState>();
  private readonly news = new Map<string, ResourceState>();
  private readonly consumed = new Set<string>();
  private readonly replaced: ResourceState[] = [];
  private readonly gone = new Set<ResourceState>();
  private failed = false;
  /** `<urn>::<id>` of the default provider once this pass registered it. */
  private providerRef: string | undefined;

  constructor(private readonly opts: DeploymentOptions) {
    for (const r of opts.old.resources) {
      if (!r.pendingDelete) this.oldByUrn.set(r.urn, r);
      opts.redactor.addSecretsIn(r);
    }
  }

  /** Handles one registration and returns what the program sees as the resource's id and outputs. */
  async register(reg: Registration): Promise<{ id?: string; state: PropertyMap }> {
    this.opts.redactor.addSecretsIn(reg.inputs);
    if (this.failed && !this.opts.preview) {
      throw new StepError(`${reg.urn} was not applied: an earlier step failed`);
    }
    try {
      if (reg.readId !== undefined) return await this.read(reg);
      if (this.news.has(reg.urn)) {
        throw new StepError(`Duplicate resource URN '${reg.urn}'; try giving it a unique name`);
      }
      const old = this.takeOld(reg);
      const parent = reg.parent ? this.news.get(reg.parent) : undefined;
      const base: ResourceState = {
        urn: reg.urn, type: reg.type, custom: reg.custom, parent: reg.parent, inputs: reg.inputs, outputs: {},
        dependencies: reg.dependencies, protect: reg.protect ?? parent?.protect ?? false,
        retainOnDelete: reg.retainOnDelete ?? parent?.retainOnDelete ?? false,
        deleteBeforeReplace: reg.deleteBeforeReplace, additionalSecretOutputs: reg.additionalSecretOutputs,
        provider: reg.provider,
      };
      if (!reg.custom) return this.component(base, old);
      if (isDynamic(reg.type)) return await this.dynamic(reg, base, old);
      return this.offline(reg, base, old);
    } catch (err) {
      const message = this.opts.redactor.redact(err instanceof Error ? err.message : String(err));
      this.errors.push(`${describe(reg.urn)}: ${message}`);
      this.failed = true;
      throw new StepError(message);
    }
  }

  /** Outputs registered by a component (for the root stack: the stack outputs). */
  outputs(urn: string, outputs: PropertyMap): void {
    this.opts.redactor.addSecretsIn(outputs);
    const res = this.news.get(urn);
    if (res) res.outputs = outputs;
  }

  async invoke(token: string): Promise<PropertyMap> {
    throw new Error(`invoke "${token}" is not available offline; the sandbox only runs Render resources for real.`);
  }

  /** Previous stack outputs (secret ones wrapped). */
  stackOutputs(): PropertyMap {
    return stackOutputsOf(this.opts.old);
  }

  /** Outputs of this pass's root stack resource. */
  newStackOutputs(): PropertyMap {
    return [...this.news.values()].find((r) => r.type === ROOT_STACK_TYPE)?.outputs ?? {};
  }

  /** Deletes what the program no longer registers (and replaced resources), in reverse dependency order. */
  async deleteUnused(): Promise<void> {
    const victims = [...this.opts.old.resources].reverse()
      .filter((r) => r.pendingDelete || !this.consumed.has(r.urn) || this.replaced.includes(r));
    await this.deleteAll(victims.filter((r) => !this.gone.has(r)), true);
  }

  /** Deletes every resource in state (destroy). */
  async destroyAll(): Promise<void> {
    await this.deleteAll([...this.opts.old.resources].reverse(), false);
  }

  /** The state as it stands: this pass's resources, then old ones not yet deleted. */
  state(): StackState {
    const keep = this.opts.old.resources.filter((r) => !this.gone.has(r)
      && (r.pendingDelete || !this.consumed.has(r.urn) || this.replaced.includes(r)));
    const replacedNow = new Set(this.replaced);
    return {
      ...this.opts.old,
      resources: [...this.news.values(), ...keep.map((r) => (replacedNow.has(r) ? { ...r, pendingDelete: true } : r))],
    };
  }

  private takeOld(reg: Registration): ResourceState | undefined {
    for (const urn of [reg.urn, ...reg.aliases]) {
      const old = this.oldByUrn.get(urn);
      if (old && !this.consumed.has(urn)) {
        this.consumed.add(urn);
        return old;
      }
    }
    return undefined;
  }

  private component(base: ResourceState, old: ResourceState | undefined) {
    this.record(base.urn, { ...base, outputs: old?.outputs ?? {} }, old ? "same" : "create", { offline: false });
    return { state: {} };
  }

  /**
   * A package resource is planned from its inputs: its outputs echo them, and each declared output the
   * program did not set gets a deterministic stand-in (`sandbox-<hash>`) once "created", so dependents see
   * stable values. In preview a create or update leaves those unknown, as a provider would.
   */
  private offline(reg: Registration, base: ResourceState, old: ResourceState | undefined) {
    const inputs = applyIgnoreChanges(reg.inputs, old?.inputs, reg.ignoreChanges);
    const diffs = old ? changedKeys(old.inputs, inputs) : [];
    const action: Action = !old ? "create" : diffs.length > 0 ? "update" : "same";
    const id = old?.id ?? (this.opts.preview ? undefined : offlineId(reg.urn));
    const computed = this.opts.preview && action !== "same" ? {}
      : Object.fromEntries(reg.outputNames.filter((k) => !(k in inputs)).map((k) => [k, offlineId(`${reg.urn}#${k}`)]));
    const outputs = markSecrets({ ...computed, ...inputs }, reg.additionalSecretOutputs);
    this.record(reg.urn, { ...base, id, inputs, outputs, offline: true }, action, { diffs, offline: true });
    return { id, state: outputs };
  }

  /**
   * The default provider resource, registered with the first dynamic resource as the engine does
   * (`defaultProviders.newRegisterDefaultProviderEvent` in pkg/resource/deploy/source_eval.go): its inputs are the
   * stack config, so a changed config key shows it as `~` (an update; no provider call offline). The CLI leaves a
   * default provider out of the plan unless it changes, and so does this.
   */
  private defaultProvider(): string {
    if (this.providerRef) return this.providerRef;
    const urn = defaultProviderUrn(this.opts.old);
    const old = this.oldByUrn.get(urn);
    if (old) this.consumed.add(urn);
    const inputs = this.opts.providerConfig ?? old?.inputs ?? {};
    const diffs = old ? changedKeys(old.inputs, inputs) : [];
    const action: Action = !old ? "create" : diffs.length > 0 ? "update" : "same";
    const id = old?.id ?? (this.opts.preview ? UNKNOWN_ID : crypto.randomUUID());
    const state: ResourceState = {
      urn, type: NODEJS_PROVIDER_TYPE, custom: true, id, inputs, outputs: inputs, dependencies: [], protect: false,
      retainOnDelete: false, deleteBeforeReplace: false, additionalSecretOutputs: [],
    };
    this.news.set(urn, state);
    if (action === "update") {
      const s = step(urn, action, { diffs }, id);
      this.steps.push(s);
      this.opts.onStep?.(s);
      void this.persist().catch((err: Error) => this.errors.push(`state file: ${err.message}`));
    }
    this.providerRef = `${urn}::${id}`;
    return this.providerRef;
  }

  private async dynamic(reg: Registration, base: ResourceState, old: ResourceState | undefined) {
    const { plugin, preview } = this.opts;
    base.provider = this.defaultProvider();
    const news = applyIgnoreChanges(reg.inputs, old?.inputs, reg.ignoreChanges);
    const inputSecrets = secretKeys(news);
    const check = await plugin.check(reg.urn, old?.inputs ?? {}, news);
    if (check.failures.length > 0) {
      throw new StepError(`invalid inputs:\n${check.failures.map((f) => `  ${f.property}: ${f.reason}`).join("\n")}`);
    }
    const checked = markSecrets(check.inputs, inputSecrets);
    const secretOutputs = [...reg.additionalSecretOutputs, ...inputSecrets];

    let action: Action = "create";
    let diffs: string[] = [];
    let replaces: string[] = [];
    let deleteBeforeReplace = false;
    if (old && this.gone.has(old)) {
      // Deleted already, as a dependent of a delete-before-replace: this is the create of its replacement.
      diffs = changedKeys(old.inputs, checked);
      action = "replace";
      deleteBeforeReplace = true;
    } else if (old) {
      const diff = await plugin.diff(old.id ?? "", reg.urn, old.outputs, checked);
      diffs = changedKeys(old.inputs, checked);
      const some = diff.changes === "some" || (diff.changes === "unknown" && diffs.length > 0)
        || (old.initErrors?.length ?? 0) > 0;
      replaces = some ? diff.replaces : [];
      action = !some ? "same" : replaces.length > 0 ? "replace" : "update";
      deleteBeforeReplace = action === "replace" && (diff.deleteBeforeReplace || reg.deleteBeforeReplace);
    }
    const stepInfo = { diffs, replaces, deleteBeforeReplace, offline: false };
    if (action === "replace" && old?.protect && base.protect) {
      if (preview) this.record(reg.urn, { ...base, inputs: checked }, action, stepInfo);
      throw new StepError(protectedReplaceMessage(reg.urn));
    }
    const next = { ...base, inputs: checked };
    const dependents = action === "replace" && deleteBeforeReplace && old && !this.gone.has(old)
      ? await this.dependentReplacements(old, replaces) : [];
    const guarded = dependents.filter((d) => d.protect);
    if (guarded.length > 0) {
      if (preview) this.record(reg.urn, { ...base, inputs: checked }, action, stepInfo);
      throw new StepError(`unable to replace resource "${reg.urn}" (delete before replace): `
        + `${guarded.map((d) => `"${d.urn}"`).join(", ")}, which depends on it and is replaced with it, is marked for `
        + "protection; nothing was deleted. Unprotect it (`pulumi state unprotect`) or keep the setting that forces the replacement.");
    }

    if (action === "same") {
      this.record(reg.urn, { ...next, id: old!.id, outputs: old!.outputs }, action, stepInfo);
      return { id: old!.id, state: old!.outputs };
    }
    if (preview) {
      const id = action === "update" ? old!.id : undefined;
      this.record(reg.urn, { ...next, id, outputs: checked }, action, stepInfo);
      return { id, state: checked };
    }
    try {
      let id: string;
      let outs: PropertyMap;
      if (action === "update") {
        id = old!.id ?? "";
        outs = await plugin.update(id, reg.urn, old!.outputs, checked);
      } else {
        if (action === "replace" && deleteBeforeReplace && !this.gone.has(old!)) {
          // Dependents that are replaced too go first, deepest first, as they depend on what is deleted next.
          for (const d of [...dependents].reverse()) {
            await plugin.delete(d.id ?? "", d.urn, d.outputs);
            this.gone.add(d);
            const s = step(d.urn, "delete", { deleteBeforeReplace: true }, d.id);
            this.steps.push(s);
            this.opts.onStep?.(s);
          }
          await plugin.delete(old!.id ?? "", reg.urn, old!.outputs);
          this.gone.add(old!);
        } else if (action === "replace" && !this.gone.has(old!)) {
          this.replaced.push(old!);
        }
        ({ id, properties: outs } = await plugin.create(reg.urn, checked));
      }
      const outputs = markSecrets(outs, secretOutputs);
      this.opts.redactor.addSecretsIn(outputs);
      this.record(reg.urn, { ...next, id, outputs }, action, stepInfo);
      return { id, state: outputs };
    } catch (err) {
      if (err instanceof ResourceInitError) {
        const outputs = markSecrets({ ...err.properties, __provider: checked.__provider }, secretOutputs);
        this.opts.redactor.addSecretsIn(outputs);
        this.record(reg.urn, { ...next, id: err.id, outputs, initErrors: err.reasons }, action, stepInfo);
      } else if (action === "update") {
        this.news.set(reg.urn, old!);
        await this.persist();
      }
      throw err;
    }
  }

  /**
   * The resources a delete-before-replace of `old` replaces too, as `stepGenerator.calculateDependentReplacements`
   * (pkg/resource/deploy/step_generator.go) finds them: each resource in state that depends on it is diffed with the
   * inputs that come from it (its id, or an output that is replaced) unknown; a diff that replaces condemns it, and
   * its own dependents are checked the same way. Ordered dependents before their own dependents.
   */
  private async dependentReplacements(old: ResourceState, replaces: string[]): Promise<ResourceState[]> {
    const condemned: ResourceState[] = [];
    const pending = [old];
    while (pending.length > 0) {
      const target = pending.shift()!;
      const fromTarget = new Set<string>([JSON.stringify(target.id ?? null), ...(target === old ? replaces : [])
        .map((k) => JSON.stringify(revealSecrets(target.outputs[k]) ?? null))]);
      for (const d of this.opts.old.resources) {
        if (d === old || condemned.includes(d) || d.pendingDelete || !d.custom || !isDynamic(d.type) || !d.id) continue;
        if (!d.dependencies.includes(target.urn) || this.consumed.has(d.urn)) continue;
        const touched = Object.keys(d.inputs).filter((k) => k !== "__provider" && fromTarget.has(JSON.stringify(revealSecrets(d.inputs[k]) ?? null)));
        if (touched.length === 0) continue;
        const news = { ...d.inputs, ...Object.fromEntries(touched.map((k) => [k, UNKNOWN_ID])) };
        const diff = await this.opts.plugin.diff(d.id, d.urn, d.outputs, news);
        if (diff.replaces.length === 0) continue;
        condemned.push(d);
        pending.push(d);
      }
    }
    return condemned;
  }

  private async read(reg: Registration): Promise<{ id?: string; state: PropertyMap }> {
    if (reg.type === STACK_REFERENCE) {
      const name = String(revealSecrets(reg.inputs.name) ?? reg.readId);
      if (!this.isThisStack(name)) {
        throw new StepError(`stack reference "${name}" cannot be resolved offline; only this stack's own outputs are known.`);
      }
      const outputs = this.stackOutputs();
      this.steps.push(step(reg.urn, "read", { offline: false }, reg.readId));
      return { id: reg.readId, state: { name, outputs, secretOutputNames: secretKeys(outputs) } };
    }
    if (!isDynamic(reg.type)) {
      throw new StepError(`reading ${reg.type} "${reg.readId}" is not possible offline.`);
    }
    const res = await this.opts.plugin.read(reg.readId ?? "", reg.urn, reg.inputs);
    if (!res.id) throw new StepError(`resource "${reg.readId}" does not exist.`);
    this.steps.push(step(reg.urn, "read", { offline: false }, res.id));
    return { id: res.id, state: markSecrets(res.properties, reg.additionalSecretOutputs) };
  }

  private isThisStack(name: string): boolean {
    const { project, stack } = this.opts.old;
    const parts = name.split("/");
    return name === stack || (parts.length >= 2 && parts[parts.length - 1] === stack && parts[parts.length - 2] === project);
  }

  /**
   * Deletes `victims` (in reverse dependency order), as the engine's delete steps do (`DeleteStep.Apply` in
   * pkg/resource/deploy/step.go, scheduled by `stepGenerator.ScheduleDeletes`): a protected resource is not
   * deleted and fails the run, but does not stop the other deletes; what it (or a delete that failed) depends on is
   * kept, as a dependency is deleted only after its dependents. The default provider is deleted with its last
   * resource, out of the plan like its create.
   */
  private async deleteAll(victims: ResourceState[], stopOnError: boolean): Promise<void> {
    const kept = new Set<string>();
    const keep = (r: ResourceState) => {
      const provider = r.provider ? r.provider.slice(0, r.provider.lastIndexOf("::")) : undefined;
      for (const dep of [...r.dependencies, r.parent, provider]) if (dep) kept.add(dep);
    };
    for (const r of victims) {
      const hidden = r.type === NODEJS_PROVIDER_TYPE;
      if (r.protect || kept.has(r.urn)) {
        const reason = r.protect ? protectedDeleteMessage(r.urn) : `not deleted: a resource that depends on it was not deleted`;
        if (r.protect || (r.custom && !hidden)) {
          this.errors.push(`${describe(r.urn)}: ${reason}`);
          this.steps.push({ ...deleteStep(r, false), error: r.protect ? "protected" : "kept" });
        }
        keep(r);
        continue;
      }
      const s = deleteStep(r, false);
      if (this.opts.preview) {
        if (!hidden) this.steps.push(s);
        continue;
      }
      try {
        if (r.custom && isDynamic(r.type) && !r.retainOnDelete && r.id) {
          await this.opts.plugin.delete(r.id, r.urn, r.outputs);
        }
        this.gone.add(r);
        if (!hidden) {
          this.steps.push(s);
          this.opts.onStep?.(s);
        }
        await this.persist();
      } catch (err) {
        const message = this.opts.redactor.redact(err instanceof Error ? err.message : String(err));
        this.errors.push(`${describe(r.urn)}: ${message}`);
        this.steps.push({ ...s, error: message });
        keep(r);
        if (stopOnError) return;
      }
    }
  }

  private record(urn: string, state: ResourceState, action: Action, info: Partial<Step>): void {
    this.news.set(urn, state);
    const s = step(urn, action, info, state.id);
    this.steps.push(s);
    this.opts.onStep?.(s);
    // Written after every change outside (an unchanged resource's new inputs wait for the final save).
    if (action !== "same") {
      this.persist().catch((err: Error) => this.errors.push(`state file: ${err.message}`));
    }
  }

  private persist(): Promise<void> {
    if (this.opts.preview || !this.opts.save) return Promise.resolve();
    return this.opts.save(this.state());
  }
}

function step(urn: string, action: Action, info: Partial<Step>, id?: string): Step {
  return {
    urn, type: urnTypeOf(urn), name: urnName(urn), action, id,
    diffs: info.diffs ?? [], replaces: info.replaces ?? [], deleteBeforeReplace: info.deleteBeforeReplace ?? false,
    offline: info.offline ?? false,
  };
}

function deleteStep(r: ResourceState, refused: boolean): Step {
  const s = step(r.urn, "delete", { offline: r.custom && (!isDynamic(r.type) || !!r.offline) }, r.id);
  return refused ? { ...s, error: "protected" } : s;
}

function urnTypeOf(urn: string): string {
  return (urn.split("::")[2] ?? "").split("$").pop() ?? "";
}

function describe(urn: string): string {
  return `${urnTypeOf(urn)} "${urnName(urn)}"`;
}

/** Deterministic id for a resource the sandbox does not create for real. */
function offlineId(urn: string): string {
  return `sandbox-${crypto.createHash("sha256").update(urn).digest("hex").slice(0, 16)}`;
}
