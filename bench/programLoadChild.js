/**
 * Loads a Pulumi program the way the nodejs language host does: through `@pulumi/pulumi/cmd/run` itself (which
 * reads Pulumi.yaml's TypeScript choice from PULUMI_NODEJS_TYPESCRIPT, tsconfig.json's options and `noCheck`, or
 * PULUMI_NODEJS_TRANSPILE_ONLY, and registers ts-node with them), with the resource monitor replaced by mocks.
 * Plain JavaScript on purpose: nothing may be registered before the host's own code runs.
 * Prints one JSON line when the program is done: {ok, loadMs, maxRssMb, resources, sdks (cloud SDKs loaded)}.
 */
"use strict";
const started = process.hrtime.bigint();
const pulumi = require("@pulumi/pulumi");

const project = process.env.PULUMI_NODEJS_PROJECT;
const stack = process.env.PULUMI_NODEJS_STACK;
const organization = process.env.PULUMI_NODEJS_ORGANIZATION;
let resources = 0;
pulumi.runtime.setMocks({
  newResource: (args) => {
    resources++;
    if (args.type === "pulumi:pulumi:StackReference") return { id: args.id || args.name, state: { name: args.name, outputs: {} } };
    return { id: args.id || `${args.name}-id`, state: args.inputs };
  },
  call: () => ({}),
}, project, stack, true, organization);

let reported = false;
process.on("beforeExit", (code) => {
  if (reported) return;
  reported = true;
  const loadMs = Number(process.hrtime.bigint() - started) / 1e6;
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  // Which cloud SDKs the program loaded (a type-only import must not load one).
  const sdks = [...new Set(Object.keys(require.cache)
    .map((f) => /node_modules\/(@pulumi\/(?:aws|cloudflare|digitalocean))\//.exec(f)?.[1]).filter(Boolean))].sort();
  process.stdout.write(`${JSON.stringify({ ok: code === 0 && !process.exitCode, loadMs, maxRssMb, resources, sdks })}\n`);
});

// The host's own entry, as the language host starts it (the monitor address is never dialled: mocks answer).
process.argv = [process.argv[0], require.resolve("@pulumi/pulumi/cmd/run"), "--monitor=127.0.0.1:1", `--project=${project}`,
  `--stack=${stack}`, `--organization=${organization}`, "--dry-run", process.argv[2] || "."];
require("@pulumi/pulumi/cmd/run");
