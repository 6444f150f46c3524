/** All Render routes, relative to `/v1`. */
import { Router } from "./router";
import { registerCustomDomains } from "./routes/customDomains";
import { registerDeploys } from "./routes/deploys";
import { registerDisks } from "./routes/disks";
import { registerEnvGroups } from "./routes/envGroups";
import { registerKeyValue } from "./routes/keyValue";
import { registerNotifications } from "./routes/notifications";
import { registerOwners } from "./routes/owners";
import { registerOwnerSettings } from "./routes/ownerSettings";
import { registerPostgres } from "./routes/postgres";
import { registerProjects } from "./routes/projects";
import { registerServiceEnv } from "./routes/serviceEnv";
import { registerServiceOps } from "./routes/serviceOps";
import { registerServices } from "./routes/services";
import { registerStaticSite } from "./routes/staticSite";
import { registerWebhooks } from "./routes/webhooks";

export function renderApiRouter(): Router {
  const router = new Router();
  for (const register of [
    registerOwners,
    registerOwnerSettings,
    registerServices,
    registerServiceEnv,
    registerServiceOps,
    registerStaticSite,
    registerCustomDomains,
    registerDeploys,
    registerDisks,
    registerPostgres,
    registerKeyValue,
    registerEnvGroups,
    registerProjects,
    registerNotifications,
    registerWebhooks,
  ]) {
    register(router);
  }
  return router;
}
