import { importBlueprint } from "../../blueprint/importBlueprint";
import { parseStackConfig } from "../../components/config";

describe("importBlueprint: maintenance mode and registry credentials", () => {
  it("maps a web service's maintenanceMode to the app's, and the result validates", () => {
    const result = importBlueprint(`services:
  - type: web
    name: app
    runtime: node
    repo: https://github.com/acme/app
    maintenanceMode:
      enabled: true
      uri: https://status.example.com/maintenance
`);
    expect(result.raw.apps.app.maintenanceMode).toEqual({ enabled: true, uri: "https://status.example.com/maintenance" });
    expect(result.unmapped).toEqual([]);
    expect(parseStackConfig(result.raw).apps.app.maintenanceMode).toEqual({ enabled: true, uri: "https://status.example.com/maintenance" });
  });

  it("leaves maintenanceMode of a worker out with a warning", () => {
    const result = importBlueprint(`services:
  - type: worker
    name: jobs
    runtime: node
    repo: https://github.com/acme/app
    startCommand: node w.js
    maintenanceMode: { enabled: true }
`);
    expect(result.raw.apps.jobs.maintenanceMode).toBeUndefined();
    expect(result.warnings).toEqual([{ line: 7, path: "services[0].maintenanceMode", message: "maintenance mode is for web services only; left out" }]);
  });

  it("says which config keys declare the registry credential an image pulls with (its token is never in the file)", () => {
    const result = importBlueprint(`services:
  - type: web
    name: api
    image:
      url: ghcr.io/acme/api:1.2.0
      creds:
        fromRegistryCreds:
          name: GHCR Bot
`);
    expect(result.raw.apps.api).toMatchObject({ runtime: "image", image: "ghcr.io/acme/api:1.2.0" });
    expect(result.unmapped).toEqual([{ line: 6, path: "services[0].image.creds", message:
      `pulls with the workspace's registry credential "GHCR Bot"; declare it under registryCredentials.ghcr-bot ` +
      `(registry, username, authTokenSecret) and set apps.api.registryCredential: ghcr-bot` }]);
  });
});
