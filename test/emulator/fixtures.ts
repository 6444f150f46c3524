/** Request bodies for emulator tests, shaped like the ones Render's Terraform provider sends. */

export function webServiceBody(ownerId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: "web_service",
    name: "web",
    ownerId,
    repo: "https://github.com/render-examples/express-hello-world",
    branch: "main",
    serviceDetails: { runtime: "node", envSpecificDetails: { buildCommand: "npm install", startCommand: "npm start" } },
    ...overrides,
  };
}

export function imageServiceBody(ownerId: string, type: string, name: string, details: Record<string, unknown> = {}): Record<string, unknown> {
  return { type, name, ownerId, image: { imagePath: "nginx", ownerId }, serviceDetails: { runtime: "image", ...details } };
}

export function postgresBody(ownerId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: "db", ownerId, plan: "basic_256mb", version: "16", databaseName: "app", databaseUser: "app", ...overrides };
}
