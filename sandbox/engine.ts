/**
 * The offline engine: runs the Pulumi program against the Render emulator with the real dynamic-provider
 * plugin. Preview first (a program pass with unknowns), then apply (a second pass that creates and updates
 * for real), then deletes; state in `.sandbox/<stack>.json`. Log messages reach it through its engine service and
 * are shown once, after the apply, with the monthly cost of the stack as applied.
 */
import * as path from "path";
import { Deployment, Step, defaultProviderOf, stackOutputsOf } from "./deployment";
import { Diagnostic, DiagnosticLog, formatDiagnostics } from "./diagnostics";
import { EmulatorTarget, ApiCalls, connectEmulator } from "./emulatorTarget";
import { startEngineService } from "./engineService";
import { PluginHost, startPluginHost } from "./pluginHost";
import {
  PlanCounts, countSteps, formatCounts, formatOutputs, formatPlan, formatProgress, hasChanges, maskOutputs,
} from "./planPrinter";
import { InlineProgram, PassHandlers, PassResult } from "./inlineProgram";
import { Redactor } from "./redactor";
import { refreshState } from "./refresh";
import { importResources, parseImportSpec, type ImportSpec } from "./importResources";
import { SandboxCost, costConfig, stackCost } from "./stackCost";
import { ProjectInfo, StackConfig, loadProject, loadStackConfig } from "./stackConfig";
import { NODEJS_PROVIDER_TYPE, StackState, StateStore, acquireLock, statePaths } from "./stateStore";
import { ROOT_STACK_TYPE, makeUrn } from "./urns";
import { PropertyMap, containsUnknown, revealSecrets, secret } from "./wire";

export interface SandboxOptions {
  /** Directory holding Pulumi.yaml (default: this repository's root). */
  projectDir?: string;
  /** Stack name (`Pulumi.<stack>.yaml`) or a path to a stack config file (default "dev"). */
  stack?: string;
  /** Overrides the `stage` config key. */
  stage?: number;
  /** Delete everything in the stack's state instead of running the program. */
  destroy?: boolean;
  /** Read every Render resource first (`pulumi up --refresh`): what was deleted outside the program is recreated. */
  refresh?: boolean;
  /**
   * Configure the plugin for a destroy or a refresh from the current stack config (`--run-program`), not from the
   * config stored by the last update, as the CLI does by default.
   */
  runProgram?: boolean;
  /** Apply without a preview pass, as `pulumi up --yes --skip-preview` and CI (pulumi/actions) do. */
  skipPreview?: boolean;
  /** `TYPE=NAME=ID` each: import these objects into the state instead of running the program (`pulumi import`). */
  imports?: string[];
  /** Use this running emulator (its key from `RENDER_API_KEY`) instead of starting one. */
  emulatorUrl?: string;
  /** `false` runs without any emulator (programs whose providers do not call Render). */
  emulator?: boolean;
  /** Emulator time scale for lifecycles (default 0.01). */
  timeScale?: number;
  /** Where state, keys, locks and the emulator's data live (default `<projectDir>/.sandbox`). */
  stateDir?: string;
  /**
   * Environment for secrets (`SANDBOX_SECRET_*`, `PULUMI_CONFIG_PASSPHRASE`, `RENDER_API_KEY`) and the plugin;
   * default process.env. The program runs in this process and sees its environment (runSandboxIsolated, in
   * isolated.ts, gives the worker this environment).
   */
  env?: NodeJS.ProcessEnv;
  /** Receives the human-readable output, one block at a time. */
  print?: (text: string) => void;
  /**
   * How long a program may wait with nothing asked of the engine before its pass counts as stuck (a value that
   * never resolves); default 60 s. After a failed step the pass ends as soon as the program goes quiet.
   */
  stallMs?: number;
}

export interface SandboxResource {
  type: string;
  name: string;
  id?: string;
  action: Step["action"];
  /** Top-level inputs that changed (update, replace). */
  diffs: string[];
}

export interface SandboxResult {
  stack: string;
  stage: number | null;
  /** The preview's plan. */
  plan: PlanCounts;
  /** The preview's plan, resource by resource. */
  preview: SandboxResource[];
  /** What was applied (the preview's plan when nothing was), resource by resource. */
  resources: SandboxResource[];
  /** Stack outputs, secrets masked. */
  outputs: Record<string, unknown>;
  /** Render API calls made by this run, by method. */
  apiCalls: ApiCalls;
  /** Problems that made the run fail (empty on success); secrets masked. */
  errors: string[];
  /** `pulumi.log` messages of the program and providers, and the program's output; each once, secrets masked. */
  diagnostics: Diagnostic[];
  /** Monthly cost of the stack as applied (null after a destroy, a failed run, or for a program cost/ does not price). */
  cost: SandboxCost | null;
  durationMs: number;
}

const ORGANIZATION = "organization";
export const REPO_ROOT = path.resolve(__dirname, "..");

export async function runSandbox(options: SandboxOptions = {}): Promise<SandboxResult> {
  const started = Date.now();
  const env = options.env ?? process.env;
  const print = options.print ?? (() => undefined);
  const project = loadProject(options.projectDir ?? REPO_ROOT);
  const stackConfig = loadStackConfig(project, options.stack ?? "dev", {
    env, overrides: options.stage === undefined ? {} : { stage: options.stage },
  });
  const stack = stackConfig.stack;
  const imports: ImportSpec[] = (options.imports ?? []).map(parseImportSpec);
  // Absolute: an inline program's passes run in the project directory.
  const paths = statePaths(path.resolve(options.stateDir ?? path.join(project.dir, ".sandbox")), stack);
  const release = acquireLock(paths.lock, stack);
  const cleanup: Array<() => Promise<void>> = [];
  try {
    const { store, state } = StateStore.open(paths, project.name, stack, env.PULUMI_CONFIG_PASSPHRASE);
    const redactor = new Redactor();
    for (const key of stackConfig.secretKeys) redactor.add(stackConfig.config[key]);
    const target = await connectEmulator(options, env, paths.emulator, store.box);
    cleanup.push(() => target.close());
    if (target.apiKey) redactor.add(target.apiKey);
    const callsBefore = await target.apiCalls();
    const diagnostics = new DiagnosticLog(makeUrn(stack, project.name, undefined, ROOT_STACK_TYPE, `${project.name}-${stack}`));
    const engine = await startEngineService((msg) => diagnostics.add(msg));
    cleanup.push(() => engine.close());

    const program = options.destroy || imports.length > 0 ? undefined : new InlineProgram({
      program: project.main, project: project.name, stack, organization: ORGANIZATION,
      config: stackConfig.config, secretKeys: stackConfig.secretKeys, cwd: project.dir, engineAddress: engine.address,
      stallMs: options.stallMs,
    });
    if (program) cleanup.push(async () => program.close());
    const plugin = await startPluginHost({
      cwd: project.dir, project: project.name, stack, engineAddress: engine.address,
      // A heavily loaded machine may need longer than the default to start the plugin.
      startTimeoutMs: Number(env.SANDBOX_PLUGIN_START_TIMEOUT_MS) || undefined,
      env: {
        RENDER_API_URL: target.apiUrl, RENDER_API_KEY: target.apiKey, RENDER_OWNER_ID: target.ownerId, ...target.pluginEnv,
      },
    });
    cleanup.push(() => plugin.close());
    // Refresh and destroy configure the provider from the config stored at the last update, as the CLI does
    // (a rotated renderApiKey reaches them after the next update, or with --run-program); an update, from the
    // current config.
    const current = providerConfig(project, stackConfig, target);
    const stored = options.runProgram ? undefined : storedProviderConfig(state);
    await plugin.configure(options.destroy && stored ? stored : current);

    if (stackConfig.placeholders.length > 0) {
      print(`Secret config without a SANDBOX_SECRET_* variable uses a placeholder: ${stackConfig.placeholders.join(", ")}`);
    }
    if (options.refresh) {
      let reader = plugin;
      if (stored && JSON.stringify(stored) !== JSON.stringify(current)) {
        reader = await startPluginHost({
          cwd: project.dir, project: project.name, stack, engineAddress: engine.address,
          env: { RENDER_API_URL: target.apiUrl, RENDER_API_KEY: target.apiKey, RENDER_OWNER_ID: target.ownerId, ...target.pluginEnv },
        });
        cleanup.push(() => reader.close());
        await reader.configure(stored);
      }
      const gone = await refreshState(reader, state, redactor);
      if (gone.length > 0) print(`Refresh: no longer on Render, dropped from the state: ${gone.join(", ")}`);
    }
    // Masked with the secrets known now: the run learns more, which must not change the config kept in the state.
    const configRedactor = redactor.copy();
    const appliedConfig = () => costConfig(project.name, stackConfig.config, stackConfig.secretKeys, configRedactor);
    const stackProviderConfig = providerState(current, stackConfig.secretKeys);
    const ctx = { plugin, state, store, redactor, print, stack, diagnostics, appliedConfig, providerConfig: stackProviderConfig };
    const outcome = imports.length > 0 ? await importOnly(ctx, imports) : !program ? await destroy(ctx) : options.skipPreview ? await applyWithoutPreview(ctx, program) : await update(ctx, program);
    const callsAfter = await target.apiCalls();
    const outputs = maskOutputs(outcome.outputs);
    const errors = outcome.errors.map((e) => redactor.redact(e));
    const shown = diagnostics.list(redactor);
    const diagnosticsText = formatDiagnostics(shown);
    if (diagnosticsText) print(`\n${diagnosticsText}`);
    if (Object.keys(outputs).length > 0 && errors.length === 0) print(`\n${formatOutputs(outputs)}`);
    const priced = program && errors.length === 0 ? stackCost({
      project: project.name, stack, config: stackConfig.config, previousConfig: state.appliedConfig,
      previousOutputs: stackOutputsOf(state), changed: hasChanges(outcome.plan),
    }) : {};
    if (priced.text) print(`\n${priced.text}`);
    for (const e of errors) print(`\nerror: ${e}`);
    const durationMs = Date.now() - started;
    const apiCalls = diffCalls(callsBefore, callsAfter);
    const calls = Object.entries(apiCalls).map(([m, n]) => `${m} ${n}`).join(", ");
    print(`\nDuration: ${(durationMs / 1000).toFixed(1)}s; Render API calls: ${calls}`);
    return {
      stack, stage: stageOf(project, stackConfig), plan: outcome.plan, preview: outcome.preview, resources: outcome.resources, outputs,
      apiCalls, errors, diagnostics: shown, cost: priced.cost ?? null, durationMs,
    };
  } finally {
    for (const fn of cleanup.reverse()) await fn().catch(() => undefined);
    release();
  }
}

interface RunContext {
  plugin: PluginHost;
  state: StackState;
  store: StateStore;
  redactor: Redactor;
  print: (text: string) => void;
  stack: string;
  diagnostics: DiagnosticLog;
  /** Saved with the state after a successful update (see StackState.appliedConfig); computed then. */
  appliedConfig: () => Record<string, string>;
  /** Inputs of the default provider resource: the config the plugin was configured with, secrets wrapped. */
  providerConfig: PropertyMap;
}

interface Outcome {
  plan: PlanCounts;
  preview: SandboxResource[];
  resources: SandboxResource[];
  outputs: Record<string, unknown>;
  errors: string[];
}

/** Preview, then apply: two passes of the program, each with a fresh SDK runtime and freshly loaded modules. */
async function update(ctx: RunContext, program: InlineProgram): Promise<Outcome> {
  const preview = new Deployment({
    preview: true, plugin: ctx.plugin, old: ctx.state, redactor: ctx.redactor, providerConfig: ctx.providerConfig,
  });
  const previewRun = withIncomplete(await program.run(true, handlersFor(preview)), preview);
  if (preview.errors.length === 0 && previewRun.errors.length === 0) await preview.deleteUnused();
  const plan = countSteps(resourceSteps(preview.steps));
  ctx.diagnostics.addOutput(previewRun.log);
  const previewErrors = [...previewRun.errors, ...preview.errors];
  if (previewErrors.length === 0 || hasChanges(plan)) ctx.print(formatPlan(`Previewing update (${ctx.stack}):`, preview.steps));
  if (previewErrors.length > 0) {
    return { plan, preview: resourcesOf(preview.steps), resources: resourcesOf(preview.steps), outputs: {}, errors: previewErrors };
  }
  if (!hasChanges(plan) && !containsUnknown(preview.state())) {
    await ctx.store.save({ ...preview.state(), appliedConfig: ctx.appliedConfig() });
    return { plan, preview: resourcesOf(preview.steps), resources: resourcesOf(preview.steps), outputs: preview.newStackOutputs(), errors: [] };
  }

  ctx.print(`\nUpdating (${ctx.stack}):`);
  const apply = new Deployment({
    preview: false, plugin: ctx.plugin, old: ctx.state, redactor: ctx.redactor, providerConfig: ctx.providerConfig,
    save: (s) => ctx.store.save(s), onStep: (s) => { const line = formatProgress(s); if (line) ctx.print(line); },
  });
  const applyRun = withIncomplete(await program.run(false, handlersFor(apply)), apply);
  ctx.diagnostics.addOutput(applyRun.log);
  if (applyRun.errors.length === 0 && apply.errors.length === 0) {
    // A program that registers less in the apply pass than in its preview must not have the rest deleted.
    const missed = registeredUrns(preview).filter((urn) => !registeredUrns(apply).includes(urn));
    if (missed.length > 0) {
      applyRun.errors.push(`the apply pass did not register ${missed.join(", ")}, which the preview did; nothing was deleted.`);
    } else {
      await apply.deleteUnused();
    }
  }
  const errors = [...applyRun.errors, ...apply.errors];
  await ctx.store.save(errors.length === 0 ? { ...apply.state(), appliedConfig: ctx.appliedConfig() } : apply.state());
  ctx.print("\n" + formatCounts(countSteps(apply.steps), ""));
  return { plan, preview: resourcesOf(preview.steps), resources: resourcesOf(apply.steps), outputs: apply.newStackOutputs(), errors };
}

/**
 * `pulumi up --yes --skip-preview`: one program pass that applies as it registers. Nothing is checked before the
 * first change except what the program itself decides before registering (config, data safety).
 */
async function applyWithoutPreview(ctx: RunContext, program: InlineProgram): Promise<Outcome> {
  ctx.print(`Updating (${ctx.stack}), no preview:`);
  const apply = new Deployment({
    preview: false, plugin: ctx.plugin, old: ctx.state, redactor: ctx.redactor,
    save: (s) => ctx.store.save(s), onStep: (s) => { const line = formatProgress(s); if (line) ctx.print(line); },
  });
  const applyRun = withIncomplete(await program.run(false, handlersFor(apply)), apply);
  ctx.diagnostics.addOutput(applyRun.log);
  if (applyRun.errors.length === 0 && apply.errors.length === 0) await apply.deleteUnused();
  const errors = [...applyRun.errors, ...apply.errors];
  await ctx.store.save(errors.length === 0 ? { ...apply.state(), appliedConfig: ctx.appliedConfig() } : apply.state());
  const plan = countSteps(apply.steps);
  ctx.print("\n" + formatCounts(plan, ""));
  const resources = resourcesOf(apply.steps);
  return { plan, preview: [], resources, outputs: errors.length === 0 ? apply.newStackOutputs() : {}, errors };
}

/** `pulumi import`: read each object and add it to the state; the program does not run. */
async function importOnly(ctx: RunContext, specs: ImportSpec[]): Promise<Outcome> {
  const { imported, errors } = await importResources(ctx.plugin, ctx.state, ctx.redactor, specs);
  if (imported.length > 0) await ctx.store.save(ctx.state);
  for (const r of imported) ctx.print(`Imported ${r.type} "${r.urn.split("::").pop()}" (${r.id})`);
  const resources: SandboxResource[] = imported.map((r) => ({ type: r.type, name: r.urn.split("::").pop() ?? "", id: r.id, action: "read", diffs: [] }));
  return { plan: countSteps([]), preview: [], resources, outputs: {}, errors };
}

async function destroy(ctx: RunContext): Promise<Outcome> {
  const preview = new Deployment({ preview: true, plugin: ctx.plugin, old: ctx.state, redactor: ctx.redactor });
  await preview.destroyAll();
  const plan = countSteps(resourceSteps(preview.steps));
  ctx.print(formatPlan(`Previewing destroy (${ctx.stack}):`, preview.steps));
  if (preview.errors.length > 0) {
    return {
      plan, preview: resourcesOf(preview.steps), resources: resourcesOf(preview.steps), outputs: {},
      errors: [...preview.errors, "nothing was deleted: unprotect the resources above first (e.g. set protectData: false in the stack config and run `npm run sandbox`), then destroy again."],
    };
  }
  ctx.print(`\nDestroying (${ctx.stack}):`);
  const apply = new Deployment({
    preview: false, plugin: ctx.plugin, old: ctx.state, redactor: ctx.redactor,
    save: (s) => ctx.store.save(s), onStep: (s) => { const line = formatProgress(s); if (line) ctx.print(line); },
  });
  await apply.destroyAll();
  // A destroyed stack has no cost to compare the next update's with.
  await ctx.store.save(apply.errors.length === 0 ? { ...apply.state(), appliedConfig: undefined } : apply.state());
  ctx.print("\n" + formatCounts(countSteps(apply.steps), ""));
  return { plan, preview: resourcesOf(preview.steps), resources: resourcesOf(apply.steps), outputs: {}, errors: apply.errors };
}

/**
 * A program that stopped without a failed step (it waited on something that never resolved) did not register
 * everything: treat the pass as failed, so nothing it left out is deleted.
 */
function withIncomplete(run: PassResult, d: Deployment): PassResult {
  if (run.completed || run.errors.length > 0 || d.errors.length > 0) return run;
  return { ...run, errors: ["the program stopped before finishing (it waited on a value that never resolved); nothing was deleted."] };
}

function handlersFor(d: Deployment): PassHandlers {
  return {
    register: d.register.bind(d),
    invoke: d.invoke.bind(d),
    outputs: d.outputs.bind(d),
  };
}

/** The stack config as Configure receives it; a `renderApiKey` in config must not outrank the emulator's key. */
function providerConfig(project: ProjectInfo, config: StackConfig, target: EmulatorTarget): Record<string, string> {
  const out = { ...config.config };
  const keyName = `${project.name}:renderApiKey`;
  if (keyName in out && target.apiKey) out[keyName] = target.apiKey;
  return out;
}


/** The config stored with the default provider resource at the last update (secrets revealed), if any. */
function storedProviderConfig(state: StackState): Record<string, string> | undefined {
  const provider = defaultProviderOf(state);
  if (!provider) return undefined;
  return Object.fromEntries(Object.entries(provider.inputs).map(([k, v]) => [k, String(revealSecrets(v))]));
}

/** The default provider resource's inputs: the plugin's config, the stack's secret keys wrapped. */
function providerState(config: Record<string, string>, secretKeys: string[]): PropertyMap {
  return Object.fromEntries(Object.entries(config).map(([k, v]) => [k, secretKeys.includes(k) ? secret(v) : v]));
}

function registeredUrns(d: Deployment): string[] {
  return d.steps.filter((s) => s.action !== "delete").map((s) => s.urn);
}

/**
 * The steps of resources, without the default provider's: it is printed (`~` when the config changed, as the CLI
 * shows it) but is no resource of the program, so the result's plan and resource lists leave it out.
 */
function resourceSteps(steps: Step[]): Step[] {
  return steps.filter((s) => s.type !== NODEJS_PROVIDER_TYPE);
}

function resourcesOf(steps: Step[]): SandboxResource[] {
  return resourceSteps(steps).filter((s) => s.action !== "read").map((s) => ({ type: s.type, name: s.name, id: s.id, action: s.action, diffs: s.diffs }));
}

function stageOf(project: ProjectInfo, config: StackConfig): number | null {
  const raw = config.config[`${project.name}:stage`];
  const n = raw === undefined ? NaN : Number(revealSecrets(raw));
  return Number.isInteger(n) ? n : null;
}

function diffCalls(before: ApiCalls, after: ApiCalls): ApiCalls {
  const out = { ...after };
  for (const k of Object.keys(out) as Array<keyof ApiCalls>) out[k] = Math.max(0, after[k] - before[k]);
  return out;
}
