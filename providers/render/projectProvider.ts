/**
 * A Render project and its environments (by name). Deleting a project or an environment deletes every
 * resource inside it (render-api README §9.10), so both refuse while anything still lives there.
 */
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { RenderClient } from "./client";
import { DiffOutcome, diffProps } from "./diffProps";
import { PROTECTED_STATUSES } from "./enums";
import { isNotFound } from "./errors";
import type { ProjectEnvironmentInputs, ProjectInputs, ProjectOutputs } from "./inputs";
import { RenderProvider, finishCreate } from "./providerBase";
import type { Environment } from "./schemas";
import { CheckOutcome, bool, checkWith, oneOf, show, text } from "./validate";

export function projectInputsSchema() {
  return z.strictObject({
    name: text("a project name"),
    environments: z.array(z.strictObject({
      name: text("an environment name"),
      protectedStatus: oneOf(PROTECTED_STATUSES, "a protection status").default("unprotected"),
      networkIsolationEnabled: bool().default(false),
    }), { error: (iss) => `${show(iss.input)} is not a list of environments` })
      .min(1, { error: "list at least one environment, e.g. [{ name: \"production\" }]" })
      .superRefine((envs, ctx) => {
        const seen = new Set<string>();
        envs.forEach((e, i) => {
          if (seen.has(e.name)) ctx.addIssue({ code: "custom", path: [i, "name"], message: `${show(e.name)} is listed twice` });
          seen.add(e.name);
        });
      })
      .transform((envs) => [...envs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))),
  });
}

export function checkProject(news: Record<string, unknown>): CheckOutcome<ProjectInputs> {
  return checkWith(projectInputsSchema, news) as CheckOutcome<ProjectInputs>;
}

export function diffProject(olds: Record<string, unknown>, news: Record<string, unknown>): DiffOutcome {
  return diffProps(olds, news, { keys: ["name", "environments"] });
}

function environmentInputs(env: Environment): ProjectEnvironmentInputs {
  return { name: env.name, protectedStatus: env.protectedStatus as ProjectEnvironmentInputs["protectedStatus"], networkIsolationEnabled: env.networkIsolationEnabled };
}

function outputsFrom(name: string, envs: Environment[]): ProjectOutputs {
  const sorted = [...envs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    name, environments: sorted.map(environmentInputs),
    environmentIds: Object.fromEntries(sorted.map((e) => [e.name, e.id])),
  };
}

/** Refuses to delete an environment that still holds resources (Render would delete them with it). */
async function assertEmpty(api: RenderClient, environmentId: string, what: string): Promise<void> {
  let env: Environment;
  try {
    env = await api.getEnvironment(environmentId);
  } catch (err) {
    if (isNotFound(err)) return;
    throw err;
  }
  const inside = [...env.serviceIds, ...env.databasesIds, ...env.redisIds, ...env.envGroupIds];
  if (inside.length) {
    throw new Error(`${what}: environment "${env.name}" (${env.id}) still holds ${inside.join(", ")}; Render would delete ` +
      `them with it. Move or delete those resources first.`);
  }
}

class ProjectProvider extends RenderProvider implements pulumi.dynamic.ResourceProvider {
  async check(_olds: Record<string, unknown>, news: Record<string, unknown>) {
    return checkProject(news);
  }

  async diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>) {
    return diffProject(olds, news);
  }

  async create(inputs: ProjectInputs) {
    const api = this.api();
    const project = await api.createProject({ name: inputs.name, environments: inputs.environments });
    const partial = () => ({ name: inputs.name, environments: inputs.environments, environmentIds: {} });
    return finishCreate(project.id, inputs as unknown as Record<string, unknown>, partial, async () => {
      const envs = await Promise.all(project.environmentIds.map((id) => api.getEnvironment(id)));
      return { id: project.id, outs: outputsFrom(project.name, envs) };
    });
  }

  async read(id: string) {
    const api = this.api();
    try {
      const project = await api.getProject(id);
      const outs = outputsFrom(project.name, await Promise.all(project.environmentIds.map((e) => api.getEnvironment(e))));
      return { id, props: outs, inputs: { name: outs.name, environments: outs.environments } };
    } catch (err) {
      if (isNotFound(err)) return { id: "" };
      throw err;
    }
  }

  async update(id: string, olds: ProjectOutputs, news: ProjectInputs) {
    const api = this.api();
    const ids: Record<string, string> = { ...(olds.environmentIds ?? {}) };
    const before = new Map((olds.environments ?? []).map((e) => [e.name, e]));
    const wanted = new Set(news.environments.map((e) => e.name));
    for (const name of before.keys()) {
      if (!wanted.has(name) && ids[name]) await assertEmpty(api, ids[name], `project "${news.name}"`);
    }
    if (olds.name !== news.name) await api.updateProject(id, { name: news.name });
    for (const env of news.environments) {
      const old = before.get(env.name);
      if (!old || !ids[env.name]) {
        ids[env.name] = (await api.createEnvironment({ projectId: id, ...env })).id;
      } else if (old.protectedStatus !== env.protectedStatus || old.networkIsolationEnabled !== env.networkIsolationEnabled) {
        await api.updateEnvironment(ids[env.name], { protectedStatus: env.protectedStatus, networkIsolationEnabled: env.networkIsolationEnabled });
      }
    }
    for (const name of before.keys()) {
      if (!wanted.has(name) && ids[name]) {
        await api.deleteEnvironment(ids[name]);
        delete ids[name];
      }
    }
    return { outs: { name: news.name, environments: news.environments, environmentIds: ids } };
  }

  async delete(id: string) {
    const api = this.api();
    let environmentIds: string[];
    try {
      environmentIds = (await api.getProject(id)).environmentIds;
    } catch (err) {
      if (isNotFound(err)) return;
      throw err;
    }
    for (const envId of environmentIds) await assertEmpty(api, envId, `project ${id}`);
    await api.deleteProject(id);
  }
}

/** What the `Project` resource runs in the plugin (loaded there from the runtime bundle, see runtime.ts). */
export const projectProvider = new ProjectProvider();
