import { runSandbox } from "../sandbox/engine";
(async () => {
  const t = Date.now();
  const r = await runSandbox({ stack: "dev", stage: Number(process.argv[2]), stateDir: process.argv[3], timeScale: 0.002, print: (s) => console.log(s) });
  console.log(JSON.stringify({ diagnostics: r.diagnostics, cost: r.cost, errors: r.errors }, null, 1));
  console.log("ms", Date.now() - t);
})();
