/**
 * Deploys: a new service starts one; `POST …/deploys` answers 201 with the deploy, or 202 with no
 * body when it has to queue behind another (cas: web_service#54 vs disks#41, #72, #103).
 */
import { findService } from "../access";
import { badRequest, notFound, type RequestContext, type Reply } from "../http";
import { deployInProgress, queuedUntil } from "../lifecycle";
import { bySeqDesc, envelope, pageOf, queryList } from "../pagination";
import type { Router } from "../router";
import type { DeployRecord, ServiceRecord } from "../store";
import { asObject, oneOf, optionalString } from "../validate";
import { deployView, diskOf } from "../views";

/** `imageUrl` deploys another tag or digest of an image-backed service's image. */
export function startDeploy(ctx: RequestContext, service: ServiceRecord, trigger: string, imageUrl?: string): DeployRecord {
  const { random } = ctx.store;
  const image = service.imagePath !== undefined;
  const startAt = queuedUntil(service.id, ctx.store.data, ctx.now) ?? ctx.now;
  const diskSwap = diskOf(ctx.store.data, service.id) ? ctx.durations.deployDiskSwap : 0;
  const deploy: DeployRecord = {
    id: random.id("dep"),
    seq: ctx.store.nextSeq(),
    serviceId: service.id,
    kind: image ? "image" : "build",
    commit: image ? null : { id: random.hex(40), message: `Deploy ${service.branch ?? "main"}`, createdAt: new Date(ctx.now).toISOString().replace(/\.\d{3}Z$/, "Z") },
    image: image ? {
      ref: imageUrl ?? (service.imagePath as string), sha: `sha256:${random.hex(64)}`,
      ...(service.registryCredentialId ? { registryCredential: service.registryCredentialId } : {}),
    } : undefined,
    trigger,
    createdAt: ctx.now,
    startAt,
    buildMs: image ? 0 : ctx.durations.deployBuild,
    updateMs: (image ? ctx.durations.imageDeployUpdate : ctx.durations.deployUpdate) + diskSwap,
  };
  ctx.store.data.deploys[deploy.id] = deploy;
  return deploy;
}

function create(ctx: RequestContext): Reply {
  const service = findService(ctx, ctx.params.serviceId);
  const body = ctx.body === undefined || ctx.body === null ? {} : asObject(ctx.body);
  oneOf(optionalString(body, "clearCache"), ["clear", "do_not_clear"], "clearCache");
  if (service.suspended) throw badRequest(`service ${service.id} is suspended; resume it before deploying`);
  const imageUrl = optionalString(body, "imageUrl");
  if (imageUrl && service.imagePath === undefined) throw badRequest("imageUrl is only valid for services deployed from an image");
  const deploy = startDeploy(ctx, service, "api", imageUrl || undefined);
  if (deploy.startAt > ctx.now) return { status: 202 };
  return { status: 201, body: deployView(deploy, ctx, ctx.now) };
}

function findDeploy(ctx: RequestContext): DeployRecord {
  const service = findService(ctx, ctx.params.serviceId);
  const deploy = ctx.store.data.deploys[ctx.params.deployId];
  if (!deploy || deploy.serviceId !== service.id) throw notFound(ctx.params.deployId);
  return deploy;
}

function list(ctx: RequestContext): Reply {
  const service = findService(ctx, ctx.params.serviceId);
  const statuses = queryList(ctx.query, "status");
  const deploys = bySeqDesc(Object.values(ctx.store.data.deploys).filter((deploy) => deploy.serviceId === service.id)).filter(
    (deploy) => !statuses || statuses.includes(String(deployView(deploy, ctx, ctx.now).status)),
  );
  return { status: 200, body: envelope(pageOf(deploys, ctx.query), "deploy", (deploy) => deployView(deploy, ctx, ctx.now)) };
}

function cancel(ctx: RequestContext): Reply {
  const deploy = findDeploy(ctx);
  if (ctx.store.data.services[deploy.serviceId]?.type === "cron_job") throw badRequest("deploys of cron jobs cannot be canceled");
  if (!deployInProgress(deploy, ctx.now)) throw badRequest(`deploy ${deploy.id} is ${deployView(deploy, ctx, ctx.now).status} and can no longer be canceled`);
  deploy.canceledAt = ctx.now;
  return { status: 200, body: deployView(deploy, ctx, ctx.now) };
}

export function registerDeploys(router: Router): void {
  router
    .add("POST", "/services/{serviceId}/deploys", create)
    .add("GET", "/services/{serviceId}/deploys", list)
    .add("GET", "/services/{serviceId}/deploys/{deployId}", (ctx) => ({ status: 200, body: deployView(findDeploy(ctx), ctx, ctx.now) }))
    .add("POST", "/services/{serviceId}/deploys/{deployId}/cancel", cancel);
}
