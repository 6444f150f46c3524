/**
 * Changes made behind the program's back, through Render's API as a person or another tool would: deleting
 * an object (drift) and creating one under a name the program is about to use (a name conflict).
 */
import { RenderClient } from "../providers/render/client";
import type { ObjectKind } from "./faultCases";
import { records } from "./oracle";

export function apiClient(emulatorUrl: string, apiKey: string): RenderClient {
  return new RenderClient({ apiKey, baseUrl: `${emulatorUrl}/v1`, maxRetries: 0 });
}

/** Deletes the first object of `kind` in the inventory; returns its id and name. */
export async function deleteOutOfBand(client: RenderClient, inventory: Record<string, unknown>, kind: ObjectKind): Promise<{ id: string; name: string }> {
  const target = records(inventory, kind)[0];
  if (!target) throw new Error(`drift: the emulator holds no ${kind} to delete`);
  const id = String(target.id);
  const name = String(target.name);
  switch (kind) {
    case "services": await client.deleteService(id); break;
    case "postgres": await client.deletePostgres(id); break;
    case "keyValue": await client.deleteKeyValue(id); break;
    case "customDomains": await client.deleteCustomDomain(String(target.serviceId), name); break;
  }
  return { id, name };
}

/** Creates an object of `kind` named `name` that the program does not own; returns its id. */
export async function createDecoy(client: RenderClient, kind: ObjectKind, name: string): Promise<string> {
  switch (kind) {
    case "services": {
      const body = {
        type: "web_service", name, repo: "https://github.com/someone-else/site", branch: "main", autoDeploy: "no",
        serviceDetails: { runtime: "node", plan: "starter", region: "oregon", envSpecificDetails: { buildCommand: "npm ci", startCommand: "npm start" } },
      };
      const { service } = await client.createService(body as unknown as Parameters<RenderClient["createService"]>[0]);
      return service.id;
    }
    case "postgres": return (await client.createPostgres({ name, plan: "basic_256mb", region: "oregon", version: "15" })).id;
    case "keyValue": return (await client.createKeyValue({ name, plan: "starter", region: "oregon", maxmemoryPolicy: "noeviction" })).id;
    case "customDomains": throw new Error("name conflict: custom domains conflict through their service, not on their own");
  }
}
