/** `POST/GET /services`, `GET/PATCH/DELETE /services/{serviceId}`. */
import { checkOwner, findEnvironment, findService, visible } from "../access";
import { deleteService } from "../cascade";
import { badRequest, conflict, type RequestContext, type Reply } from "../http";
import { normaliseImagePath } from "../images";
import { bySeqDesc, envelope, pageOf, queryList } from "../pagination";
import type { Router } from "../router";
import { createDetails, patchDetails, SERVICE_TYPES, type ServiceType } from "../serviceSpec";
import type { ServiceRecord } from "../store";
import { asObject, oneOf, optionalObject, optionalString, requiredString, stringArray, type Body } from "../validate";
import { serviceView } from "../views";
import { checkDiskAllowed, diskInput, newDisk } from "./disks";
import { startDeploy } from "./deploys";
import { envVarInputs, secretFileInputs } from "./envVarInput";
import { staticRulesFromCreate } from "./staticSite";

/** Lowercase words joined by `-`, the shape of Render subdomains. */
function slugify(name: string): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40);
  return slug || "service";
}

function checkUniqueName(ctx: RequestContext, ownerId: string, name: string, exceptId?: string): void {
  const taken = Object.values(ctx.store.data.services).some((service) => service.ownerId === ownerId && service.name === name && service.id !== exceptId);
  if (taken) throw conflict(`a service named ${JSON.stringify(name)} already exists in this workspace; service names must be unique`);
}

function checkRepo(repo: string | undefined): string | undefined {
  if (repo === undefined) return undefined;
  if (!/^https?:\/\/\S+$/.test(repo)) throw badRequest(`invalid repo ${JSON.stringify(repo)}: expected a repository URL such as https://github.com/owner/name`);
  if (/\/tree\//.test(repo)) throw badRequest(`invalid repo ${JSON.stringify(repo)}: do not include the branch in the repo URL; send it as branch`);
  return repo;
}

function buildFilter(body: Body): ServiceRecord["buildFilter"] | undefined {
  const filter = optionalObject(body, "buildFilter");
  if (!filter) return undefined;
  const ignoredPaths = stringArray(filter, "ignoredPaths", "buildFilter.ignoredPaths") ?? [];
  const paths = stringArray(filter, "paths", "buildFilter.paths") ?? [];
  // An empty filter is no filter: Render then leaves `buildFilter` out of the service.
  return ignoredPaths.length + paths.length > 0 ? { ignoredPaths, paths } : undefined;
}

function autoDeploySettings(body: Body, current?: ServiceRecord): { autoDeploy: string; autoDeployTrigger: string } {
  const autoDeploy = oneOf(optionalString(body, "autoDeploy"), ["yes", "no"], "autoDeploy");
  const trigger = oneOf(optionalString(body, "autoDeployTrigger"), ["off", "commit", "checksPass"], "autoDeployTrigger");
  const nextAutoDeploy = trigger !== undefined ? (trigger === "off" ? "no" : "yes") : autoDeploy ?? current?.autoDeploy ?? "yes";
  const nextTrigger = trigger ?? (autoDeploy !== undefined || !current ? (nextAutoDeploy === "yes" ? "commit" : "off") : current.autoDeployTrigger);
  return { autoDeploy: nextAutoDeploy, autoDeployTrigger: nextTrigger };
}

function create(ctx: RequestContext): Reply {
  const body = asObject(ctx.body);
  const type = oneOf(requiredString(body, "type"), SERVICE_TYPES, "type") as ServiceType;
  const name = requiredString(body, "name");
  const ownerId = requiredString(body, "ownerId");
  checkOwner(ctx, ownerId);
  const repo = checkRepo(optionalString(body, "repo"));
  const image = optionalObject(body, "image");
  const imagePath = image ? normaliseImagePath(requiredString(image, "imagePath", "image.imagePath")) : undefined;
  if (repo !== undefined && imagePath !== undefined) throw badRequest("send either repo or image, not both");
  const environmentId = optionalString(body, "environmentId");
  if (environmentId) findEnvironment(ctx, environmentId);
  const details = optionalObject(body, "serviceDetails");
  const envVars = envVarInputs(body.envVars, ctx.store.random);
  const secretFiles = secretFileInputs(body.secretFiles);
  checkUniqueName(ctx, ownerId, name);
  const { random } = ctx.store;
  const id = random.id(type === "cron_job" ? "crn" : "srv");
  const slug = `${slugify(name)}-${random.slugSuffix()}`;
  const record: ServiceRecord = {
    id,
    seq: ctx.store.nextSeq(),
    ownerId,
    type,
    name,
    slug,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    environmentId: environmentId || undefined,
    repo,
    branch: repo !== undefined ? optionalString(body, "branch") || "main" : undefined,
    buildFilter: buildFilter(body),
    imagePath,
    registryCredentialId: image ? optionalString(image, "registryCredentialId", "image.registryCredentialId") : undefined,
    ...autoDeploySettings(body),
    rootDir: optionalString(body, "rootDir") ?? "",
    notifyOnFail: "default",
    suspended: false,
    details: createDetails({ type, id, slug, hasImage: imagePath !== undefined, hasRepo: repo !== undefined }, details),
    headers: [],
    routes: [],
  };
  const diskBody = details ? optionalObject(details, "disk", "serviceDetails.disk") : undefined;
  const disk = diskBody ? diskInput(diskBody, "serviceDetails.disk") : undefined;
  if (disk) checkDiskAllowed(record);
  if (type === "static_site" && details) Object.assign(record, staticRulesFromCreate(ctx, details));
  ctx.store.data.services[id] = record;
  if (disk) newDisk(ctx, id, disk);
  for (const envVar of envVars) ctx.store.data.envVars.push({ seq: ctx.store.nextSeq(), serviceId: id, ...envVar });
  for (const file of secretFiles) ctx.store.data.secretFiles.push({ seq: ctx.store.nextSeq(), serviceId: id, ...file });
  const deploy = startDeploy(ctx, record, "api");
  return { status: 201, body: { deployId: deploy.id, service: serviceView(record, ctx.store.data) } };
}

function timeFilter(ctx: RequestContext, value: number): boolean {
  const bound = (name: string) => {
    const raw = ctx.query.get(name);
    if (!raw) return undefined;
    const ms = Date.parse(raw);
    if (Number.isNaN(ms)) throw badRequest(`invalid ${name} ${JSON.stringify(raw)}: expected an RFC 3339 timestamp`);
    return ms;
  };
  const before = bound("createdBefore");
  const after = bound("createdAfter");
  return (before === undefined || value < before) && (after === undefined || value > after);
}

function list(ctx: RequestContext): Reply {
  const q = (name: string) => queryList(ctx.query, name);
  const [names, types, environments, regions, suspended, runtimes] = [q("name"), q("type"), q("environmentId"), q("region"), q("suspended"), q("env")];
  types?.forEach((type) => oneOf(type, SERVICE_TYPES, "type"));
  suspended?.forEach((value) => oneOf(value, ["suspended", "not_suspended"], "suspended"));
  const services = bySeqDesc(visible(ctx, Object.values(ctx.store.data.services), q("ownerId"))).filter(
    (service) =>
      (!names || names.includes(service.name)) &&
      (!types || types.includes(service.type)) &&
      (!environments || (service.environmentId !== undefined && environments.includes(service.environmentId))) &&
      (!regions || regions.includes(String(service.details.region))) &&
      (!suspended || suspended.includes(service.suspended ? "suspended" : "not_suspended")) &&
      (!runtimes || runtimes.includes(String(service.details.runtime))) &&
      timeFilter(ctx, service.createdAt),
  );
  return { status: 200, body: envelope(pageOf(services, ctx.query), "service", (service) => serviceView(service, ctx.store.data)) };
}

/** PATCH changes only what it names; `updatedAt` moves only when something changed (cas: disks#36). */
function update(ctx: RequestContext): Reply {
  const service = findService(ctx, ctx.params.serviceId);
  const body = asObject(ctx.body);
  for (const field of ["type", "ownerId", "environmentId", "envVars", "secretFiles"]) {
    if (body[field] !== undefined) throw badRequest(`${field} cannot be changed with PATCH /services/{serviceId}`);
  }
  const before = JSON.stringify(service);
  const next: ServiceRecord = { ...service };
  const name = optionalString(body, "name");
  if (name !== undefined && name !== "") {
    checkUniqueName(ctx, service.ownerId, name, service.id);
    next.name = name;
  }
  const repo = checkRepo(optionalString(body, "repo"));
  if (repo !== undefined) {
    if (service.imagePath !== undefined) throw badRequest("this service deploys an image; it cannot take a repo");
    next.repo = repo;
  }
  const branch = optionalString(body, "branch");
  if (branch !== undefined && service.repo !== undefined) next.branch = branch || "main";
  const image = optionalObject(body, "image");
  if (image) {
    if (service.imagePath === undefined) throw badRequest("this service builds from a repo; it cannot take an image");
    next.imagePath = normaliseImagePath(requiredString(image, "imagePath", "image.imagePath"));
    const credential = optionalString(image, "registryCredentialId", "image.registryCredentialId");
    if (credential !== undefined) next.registryCredentialId = credential || undefined;
  }
  if (body.buildFilter !== undefined) next.buildFilter = buildFilter(body);
  const rootDir = optionalString(body, "rootDir");
  if (rootDir !== undefined) next.rootDir = rootDir;
  Object.assign(next, autoDeploySettings(body, service));
  if (body.serviceDetails !== undefined && body.serviceDetails !== null) next.details = patchDetails(service.type as ServiceType, service.details, body.serviceDetails);
  if (next.details.plan === "free" && Object.values(ctx.store.data.disks).some((disk) => disk.serviceId === service.id)) {
    throw badRequest('a service with a disk needs a paid instance type; the plan "free" has no disks');
  }
  Object.assign(service, next);
  if (JSON.stringify(service) !== before) service.updatedAt = ctx.now;
  return { status: 200, body: serviceView(service, ctx.store.data) };
}

export function registerServices(router: Router): void {
  router
    .add("POST", "/services", create)
    .add("GET", "/services", list)
    .add("GET", "/services/{serviceId}", (ctx) => ({ status: 200, body: serviceView(findService(ctx, ctx.params.serviceId), ctx.store.data) }))
    .add("PATCH", "/services/{serviceId}", update)
    .add("DELETE", "/services/{serviceId}", (ctx) => {
      deleteService(ctx.store.data, findService(ctx, ctx.params.serviceId).id);
      return { status: 204 };
    });
}
