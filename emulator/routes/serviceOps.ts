/** Scaling, autoscaling, suspend/resume and restart of a service. */
import { findService } from "../access";
import { badRequest, type RequestContext, type Reply } from "../http";
import type { Router } from "../router";
import { checkedAutoscaling, hasInstances } from "../serviceSpec";
import type { ServiceRecord } from "../store";
import { asObject, optionalInteger } from "../validate";
import { diskOf } from "../views";

function scalable(ctx: RequestContext): ServiceRecord {
  const service = findService(ctx, ctx.params.serviceId);
  if (!hasInstances(service.type)) throw badRequest(`${service.type} services do not run instances that can be scaled`);
  return service;
}

/** 202, no body; ignored while autoscaling is enabled (spec `scale-service`). */
function scale(ctx: RequestContext): Reply {
  const service = scalable(ctx);
  const numInstances = optionalInteger(asObject(ctx.body), "numInstances", 1, 100);
  if (numInstances === undefined) throw badRequest("numInstances is required");
  if (numInstances > 1 && diskOf(ctx.store.data, service.id)) throw badRequest("a service with a disk runs exactly one instance; numInstances must be 1");
  const autoscaling = service.details.autoscaling as { enabled?: boolean } | undefined;
  if (!autoscaling?.enabled && service.details.numInstances !== numInstances) {
    service.details = { ...service.details, numInstances };
    service.updatedAt = ctx.now;
  }
  return { status: 202 };
}

function putAutoscaling(ctx: RequestContext): Reply {
  const service = scalable(ctx);
  const autoscaling = checkedAutoscaling(asObject(ctx.body), "request body");
  if (autoscaling.enabled && diskOf(ctx.store.data, service.id)) throw badRequest("a service with a disk cannot autoscale");
  service.details = { ...service.details, autoscaling };
  service.updatedAt = ctx.now;
  return { status: 200, body: autoscaling };
}

/** After DELETE the service has no `autoscaling` key at all (cas: autoscaling#26). */
function deleteAutoscaling(ctx: RequestContext): Reply {
  const service = scalable(ctx);
  const { autoscaling: _removed, ...rest } = service.details;
  service.details = rest;
  return { status: 204 };
}

function setSuspended(suspended: boolean) {
  return (ctx: RequestContext): Reply => {
    const service = findService(ctx, ctx.params.serviceId);
    if (service.suspended !== suspended) {
      service.suspended = suspended;
      service.updatedAt = ctx.now;
    }
    return { status: 202 };
  };
}

export function registerServiceOps(router: Router): void {
  router
    .add("POST", "/services/{serviceId}/scale", scale)
    .add("PUT", "/services/{serviceId}/autoscaling", putAutoscaling)
    .add("DELETE", "/services/{serviceId}/autoscaling", deleteAutoscaling)
    .add("POST", "/services/{serviceId}/suspend", setSuspended(true))
    .add("POST", "/services/{serviceId}/resume", setSuspended(false))
    .add("POST", "/services/{serviceId}/restart", (ctx) => {
      const service = findService(ctx, ctx.params.serviceId);
      if (service.type === "cron_job" || service.type === "static_site") throw badRequest(`${service.type} services cannot be restarted`);
      if (service.suspended) throw badRequest(`service ${service.id} is suspended; resume it first`);
      return { status: 200 };
    });
}
