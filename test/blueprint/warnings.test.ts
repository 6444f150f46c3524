import { importBlueprint } from "../../blueprint/importBlueprint";

const repo = "https://github.com/acme/app";
const web = (extra: string) => `services:
  - type: web
    name: app
    runtime: node
    repo: ${repo}
${extra}`;

describe("importBlueprint warnings", () => {
  it("warns about a disk on a service with several instances and leaves the scaling out", () => {
    const result = importBlueprint(web(`    numInstances: 3
    disk:
      name: data
      mountPath: /data
`));
    expect(result.warnings).toEqual([{ line: 7, path: "services[0].disk",
      message: "a disk attaches to exactly one instance, but this service has several (numInstances/scaling); scaling left out" }]);
    expect(result.raw.apps.app.numInstances).toBeUndefined();
    expect(result.stage).toBe(0);
  });

  it("warns about REDIS_URL wired to a Postgres database", () => {
    const result = importBlueprint(`${web(`    envVars:
      - key: REDIS_URL
        fromDatabase:
          name: db
          property: connectionString
`)}databases:
  - name: db
`);
    expect(result.warnings.map((w) => `${w.line} ${w.message}`)).toEqual([
      '8 REDIS_URL is wired to Postgres database "db"; a cache URL usually comes from a Key Value instance (fromService type keyvalue)',
    ]);
    expect(result.stage).toBe(2);
  });

  it("warns about a DATABASE_URL wired to Key Value", () => {
    const result = importBlueprint(`${web(`    envVars:
      - key: DATABASE_URL
        fromService:
          type: keyvalue
          name: kv
          property: connectionString
`)}  - type: keyvalue
    name: kv
    ipAllowList: []
databases:
  - name: db
`);
    expect(result.warnings.map((w) => w.message)).toEqual(['DATABASE_URL is wired to Key Value "kv"; a database URL usually comes from fromDatabase']);
  });

  it("warns that stage 2 creates no disk", () => {
    const result = importBlueprint(`${web(`    disk:
      name: data
      mountPath: /data
`)}databases:
  - name: db
`);
    expect(result.warnings.map((w) => `${w.line} ${w.path}`)).toEqual(["6 services[0].disk"]);
    expect(result.warnings[0].message).toContain("stage 2 creates no disks");
  });

  it("warns about references to things the Blueprint does not define", () => {
    const result = importBlueprint(web(`    envVars:
      - fromGroup: missing
      - key: X
        fromService:
          type: web
          name: nowhere
          property: host
`));
    expect(result.warnings.map((w) => w.message)).toEqual([
      '"missing" is not an envVarGroups entry of this Blueprint; link left out',
      'X: "nowhere" is not a service of this Blueprint; left out',
    ]);
  });

  it("reports fields with the wrong type and unknown keys with their line", () => {
    const result = importBlueprint(web(`    numInstances: two
    sizzle: true
    envVars:
      - key: A
        value: b
        previewValue: c
`));
    expect(result.unmapped.map((f) => `${f.line} ${f.path}: ${f.message}`)).toEqual([
      '6 services[0].numInstances: "two" is not a number; left out',
      "7 services[0].sizzle: is not a Blueprint field render-stages maps; left out",
      "11 services[0].envVars[0].previewValue: is not a Blueprint field render-stages maps; left out",
    ]);
  });

  it("reports references it cannot carry over and list items of the wrong kind", () => {
    const result = importBlueprint(`${web(`    domains:
      - app.example.com
      - 42
    envVars:
      - key: PORT_OF_API
        fromService:
          type: web
          name: api
          property: port
`)}  - type: web
    name: api
    runtime: node
    repo: ${repo}
`);
    expect(result.unmapped.map((f) => `${f.line} ${f.path}: ${f.message}`)).toEqual([
      "8 services[0].domains[1]: 42 is not a string; left out",
      '14 services[0].envVars[0].fromService.property: PORT_OF_API: property "port" has no counterpart here (host, hostport); left out',
    ]);
    expect(result.raw.apps.app.domains).toEqual(["app.example.com"]);
  });

  it("rejects YAML it cannot parse, naming the line", () => {
    expect(() => importBlueprint("services:\n  - type: web\n   name: [x")).toThrow(/^render.yaml line \d+: /);
  });

  it("normalises names into app keys and hyphenated plans into underscores", () => {
    const result = importBlueprint(`services:
  - type: worker
    name: My Worker!
    runtime: go
    plan: pro-plus
    repo: ${repo}
`);
    expect(result.raw.apps).toEqual({ "my-worker": { type: "worker", runtime: "go", plan: "pro_plus", repo } });
  });
});

describe("importBlueprint stage 1 wiring", () => {
  it("warns when another service also wants the folded private service's address", () => {
    const result = importBlueprint(`services:
  - type: web
    name: app
    runtime: node
    repo: ${repo}
    envVars:
      - key: DB_SERVICE
        fromService:
          type: pserv
          name: store
          property: hostport
  - type: worker
    name: jobs
    runtime: node
    repo: ${repo}
    envVars:
      - key: STORE_HOST
        fromService:
          type: pserv
          name: store
          property: host
  - type: pserv
    name: store
    runtime: node
    repo: ${repo}
    disk:
      name: data
      mountPath: /data
`);
    expect(result.stage).toBe(1);
    expect(result.raw.apps.app.disk?.privateService).toEqual({ name: "store", runtime: "node", urlEnvVar: "DB_SERVICE" });
    expect(result.warnings.map((w) => `${w.line} ${w.message}`)).toEqual([
      '6 DB_SERVICE (fromService "store") is wired by stage 1 and holds http://<host>:<port>',
      '16 STORE_HOST: stage 1 wires the address of "store" into web app "app" only; left out here',
    ]);
  });
});
