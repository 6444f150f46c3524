/**
 * A persistent disk attached to one Render service (`POST /disks`). Its data lives as long as the disk:
 * the size only grows, and moving it to another service means a new, empty disk (a replacement).
 */
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { DiffOutcome, diffProps } from "./diffProps";
import { isNotFound } from "./errors";
import { DISK_CREATE_ONLY } from "./replaceKeys";
import type { DiskInputs, DiskOutputs } from "./inputs";
import { RenderProvider, finishCreate } from "./providerBase";
import { CheckOutcome, checkWith, integer, text } from "./validate";
import type { Disk as RenderDisk, Service as RenderService } from "./schemas";

const DISK_KEYS = ["serviceId", "name", "mountPath", "sizeGB"] as const;

export function diskInputsSchema() {
  return z.strictObject({
    serviceId: text("a Render service id like srv-…"),
    name: text("a disk name"),
    mountPath: text("an absolute path like /var/data", /^\/\S*$/),
    sizeGB: integer(1, 1000).default(1),
  });
}

/** The shrink rule, shared by check (clean failure) and diff (last line of defence). */
export function diskShrinkProblem(name: unknown, oldSize: unknown, newSize: unknown): string | undefined {
  if (typeof oldSize !== "number" || typeof newSize !== "number" || newSize >= oldSize) return undefined;
  return `disk ${JSON.stringify(name)}: sizeGB ${newSize} < current ${oldSize}; Render disks only grow. ` +
    `Keep ${oldSize} or create a new disk.`;
}

export function checkDisk(olds: Record<string, unknown>, news: Record<string, unknown>): CheckOutcome<DiskInputs> {
  const result = checkWith(diskInputsSchema, news);
  const shrink = result.inputs && olds.serviceId === result.inputs.serviceId
    ? diskShrinkProblem(result.inputs.name, olds.sizeGB, result.inputs.sizeGB) : undefined;
  return shrink ? { failures: [{ property: "sizeGB", reason: shrink }] } : result;
}

export function diffDisk(olds: Record<string, unknown>, news: Record<string, unknown>): DiffOutcome {
  const outcome = diffProps(olds, news, { keys: DISK_KEYS, createOnly: DISK_CREATE_ONLY });
  if (!outcome.replaces.length) {
    const shrink = diskShrinkProblem(news.name, olds.sizeGB, news.sizeGB);
    if (shrink) throw new Error(shrink);
  }
  return outcome;
}

/** Why `service` cannot carry a disk, or undefined when it can (render-api README §9.12). */
export function diskHostProblem(service: RenderService): string | undefined {
  const where = `service ${service.id} ("${service.name}")`;
  if (service.type !== "web_service" && service.type !== "private_service" && service.type !== "background_worker") {
    return `${where} is a ${service.type}; disks attach only to web services, private services and background workers.`;
  }
  const details = service.serviceDetails;
  if (details.plan === "free") return `${where} is on the free plan; disks need a paid plan (starter or above).`;
  if (details.autoscaling?.enabled || details.numInstances > 1) {
    return `${where} runs several instances (numInstances ${details.numInstances}${details.autoscaling?.enabled ? ", autoscaling" : ""}); ` +
      `a disk pins a service to one instance. Set numInstances to 1 and remove autoscaling, or drop the disk.`;
  }
  return undefined;
}

function toInputs(disk: RenderDisk): DiskInputs {
  return { serviceId: disk.serviceId, name: disk.name, mountPath: disk.mountPath, sizeGB: disk.sizeGB };
}

class DiskProvider extends RenderProvider implements pulumi.dynamic.ResourceProvider {
  async check(olds: Record<string, unknown>, news: Record<string, unknown>) {
    return checkDisk(olds, news);
  }

  async diff(_id: string, olds: DiskOutputs, news: DiskInputs) {
    return diffDisk(olds as unknown as Record<string, unknown>, news as unknown as Record<string, unknown>);
  }

  async create(inputs: DiskInputs) {
    const api = this.api();
    const problem = diskHostProblem(await api.getService(inputs.serviceId));
    if (problem) throw new Error(`disk "${inputs.name}": ${problem}`);
    const disk = await api.createDisk({
      serviceId: inputs.serviceId, name: inputs.name, mountPath: inputs.mountPath, sizeGB: inputs.sizeGB,
    });
    const outs: DiskOutputs = toInputs(disk);
    // The disk attaches at the service's next deploy (render-api README §5.4).
    await finishCreate(disk.id, inputs as unknown as Record<string, unknown>, () => ({ ...outs }),
      () => api.triggerDeploy(inputs.serviceId));
    return { id: disk.id, outs };
  }

  async read(id: string) {
    try {
      const outs = toInputs(await this.api().getDisk(id));
      return { id, props: outs, inputs: outs };
    } catch (err) {
      if (isNotFound(err)) return { id: "" };
      throw err;
    }
  }

  async update(id: string, olds: DiskOutputs, news: DiskInputs) {
    const shrink = diskShrinkProblem(news.name, olds.sizeGB, news.sizeGB);
    if (shrink) throw new Error(shrink);
    const patch: { name?: string; mountPath?: string; sizeGB?: number } = {};
    if (olds.name !== news.name) patch.name = news.name;
    if (olds.mountPath !== news.mountPath) patch.mountPath = news.mountPath;
    if (olds.sizeGB !== news.sizeGB) patch.sizeGB = news.sizeGB;
    const api = this.api();
    const disk = Object.keys(patch).length ? await api.updateDisk(id, patch) : await api.getDisk(id);
    // A new mount path takes effect at the next deploy.
    if (patch.mountPath !== undefined) await api.triggerDeploy(news.serviceId);
    return { outs: toInputs(disk) };
  }

  async delete(id: string) {
    await this.api().deleteDisk(id);
  }
}

/** What the `Disk` resource runs in the plugin (loaded there from the runtime bundle, see runtime.ts). */
export const diskProvider = new DiskProvider();
