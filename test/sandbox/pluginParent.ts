/** Test helper process: starts the dynamic-provider plugin, prints `<plugin pid>\n`, and waits to be killed. */
import * as path from "path";
import { startPluginHost } from "../../sandbox/pluginHost";

startPluginHost({ cwd: path.join(__dirname, "..", ".."), project: "render-stages" }).then((host) => {
  process.stdout.write(`${host.pid}\n`);
  setInterval(() => undefined, 60_000);
}, (err: Error) => {
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
});
