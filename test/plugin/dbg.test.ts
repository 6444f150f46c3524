import { startPluginHarness } from "./pluginHarness";
it("dbg", async () => {
  const p = await startPluginHarness(["Service"]);
  await p.admin("POST", "/faults", { method: "POST", path: "/v1/services/{serviceId}/custom-domains", status: 402 });
  const race = await Promise.race([
    p.up("Service", "half", { type: "web_service", name: "h", runtime: "python", repo: "https://github.com/a/b", buildCommand: "b", startCommand: "s", customDomains: ["h.example.com"] }).catch((e: unknown) => e),
    new Promise((r) => setTimeout(() => r("TIMEOUT"), 5000)),
  ]);
  process.stderr.write(`RESULT ${race}\nPLUGIN STDERR:\n${p.host.stderr()}\n`);
  process.stderr.write(JSON.stringify(await p.admin("GET", "/requests")) + "\n");
  await p.close();
}, 60000);
