/** Persistent disks: web services, private services and background workers on paid plans only. */
import { findService, visible } from "../access";
import { badRequest, conflict, notFound, type RequestContext, type Reply } from "../http";
import { bySeqDesc, envelope, pageOf, queryList } from "../pagination";
import type { Router } from "../router";
import type { DiskRecord, ServiceRecord } from "../store";
import { asObject, optionalInteger, optionalString, requiredString, type Body, createBody } from "../validate";
import { diskOf, diskView } from "../views";

const DISK_TYPES = ["web_service", "private_service", "background_worker"];

/** Render refuses disks on other service types, on free instances and next to horizontal scaling. */
export function checkDiskAllowed(service: Pick<ServiceRecord, "type" | "details">): void {
  if (!DISK_TYPES.includes(service.type)) throw badRequest(`disks are only supported for web_service, private_service and background_worker, not ${service.type}`);
  if (service.details.plan === "free") throw badRequest('disks require a paid instance type; the plan is "free"');
  const autoscaling = service.details.autoscaling as { enabled?: boolean } | undefined;
  if (autoscaling?.enabled) throw badRequest("a service with a disk cannot autoscale; remove autoscaling first");
  if (Number(service.details.numInstances ?? 1) > 1) throw badRequest("a service with a disk runs exactly one instance; scale to 1 first");
}

/** `{name, mountPath, sizeGB ≥ 1 (default 1)}`. */
export function diskInput(raw: Body, where: string): { name: string; mountPath: string; sizeGB: number } {
  const name = requiredString(raw, "name", `${where}.name`);
  const mountPath = checkedMountPath(requiredString(raw, "mountPath", `${where}.mountPath`), `${where}.mountPath`);
  const sizeGB = optionalInteger(raw, "sizeGB", 1, 1000, `${where}.sizeGB`) ?? 1;
  return { name, mountPath, sizeGB };
}

function checkedMountPath(path: string, where: string): string {
  if (!path.startsWith("/") || path === "/") throw badRequest(`invalid ${where} ${JSON.stringify(path)}: must be an absolute path below /, such as /var/data`);
  return path;
}

export function newDisk(ctx: RequestContext, serviceId: string, input: { name: string; mountPath: string; sizeGB: number }): DiskRecord {
  const disk: DiskRecord = { id: ctx.store.random.id("dsk"), seq: ctx.store.nextSeq(), serviceId, ...input, createdAt: ctx.now, updatedAt: ctx.now };
  ctx.store.data.disks[disk.id] = disk;
  return disk;
}

function findDisk(ctx: RequestContext, id: string): DiskRecord {
  const disk = ctx.store.data.disks[id];
  if (!disk) throw notFound(id);
  const service = ctx.store.data.services[disk.serviceId];
  if (!service || !ctx.ownerIds.includes(service.ownerId)) throw notFound(id);
  return disk;
}

function create(ctx: RequestContext): Reply {
  const body = createBody(ctx.body);
  const serviceId = requiredString(body, "serviceId");
  const service = findService(ctx, serviceId);
  checkDiskAllowed(service);
  if (diskOf(ctx.store.data, serviceId)) throw conflict(`service ${serviceId} already has a disk; a service can have only one`);
  return { status: 201, body: diskView(newDisk(ctx, serviceId, diskInput(body, "disk"))) };
}

function list(ctx: RequestContext): Reply {
  const owners = queryList(ctx.query, "ownerId");
  const serviceIds = queryList(ctx.query, "serviceId");
  const names = queryList(ctx.query, "name");
  const ids = queryList(ctx.query, "diskId");
  const services = visible(ctx, Object.values(ctx.store.data.services), owners);
  const allowed = new Set(services.map((service) => service.id));
  const disks = bySeqDesc(Object.values(ctx.store.data.disks)).filter(
    (disk) => allowed.has(disk.serviceId) && (!serviceIds || serviceIds.includes(disk.serviceId)) && (!names || names.includes(disk.name)) && (!ids || ids.includes(disk.id)),
  );
  return { status: 200, body: envelope(pageOf(disks, ctx.query), "disk", diskView) };
}

/** Size only grows (spec `update-disk`); the same size is accepted (cas: web_service#47). */
function update(ctx: RequestContext): Reply {
  const disk = findDisk(ctx, ctx.params.diskId);
  const body = asObject(ctx.body);
  const name = optionalString(body, "name");
  const mountPath = optionalString(body, "mountPath");
  const sizeGB = optionalInteger(body, "sizeGB", 1, 1000);
  if (sizeGB !== undefined && sizeGB < disk.sizeGB) throw badRequest(`invalid sizeGB ${sizeGB}: disks can only grow; the current size is ${disk.sizeGB} GB`);
  if (name !== undefined && name !== "") disk.name = name;
  if (mountPath !== undefined) disk.mountPath = checkedMountPath(mountPath, "mountPath");
  if (sizeGB !== undefined) disk.sizeGB = sizeGB;
  disk.updatedAt = ctx.now;
  return { status: 200, body: diskView(disk) };
}

export function registerDisks(router: Router): void {
  router
    .add("POST", "/disks", create)
    .add("GET", "/disks", list)
    .add("GET", "/disks/{diskId}", (ctx) => ({ status: 200, body: diskView(findDisk(ctx, ctx.params.diskId)) }))
    .add("PATCH", "/disks/{diskId}", update)
    .add("DELETE", "/disks/{diskId}", (ctx) => {
      delete ctx.store.data.disks[findDisk(ctx, ctx.params.diskId).id];
      return { status: 204 };
    })
    .add("GET", "/disks/{diskId}/snapshots", (ctx) => {
      findDisk(ctx, ctx.params.diskId);
      return { status: 200, body: [] };
    })
    .add("POST", "/disks/{diskId}/snapshots/restore", (ctx) => {
      findDisk(ctx, ctx.params.diskId);
      // The emulator keeps no snapshots, so every key is unknown.
      throw notFound(requiredString(asObject(ctx.body), "snapshotKey"));
    });
}

