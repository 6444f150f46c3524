import { fork } from "child_process";
import { transpileHook } from "../../sandbox/isolated";

jest.setTimeout(60_000);

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    const stat = require("fs").readFileSync(`/proc/${pid}/stat`, "utf8") as string;
    return !stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z");
  } catch {
    return false;
  }
};

describe("the dynamic-provider plugin", () => {
  it("exits when the process that started it is killed with SIGKILL", async () => {
    const parent = fork(require.resolve("./pluginParent"), [], { execArgv: ["-r", transpileHook()], stdio: ["ignore", "pipe", "inherit", "ipc"] });
    let pluginPid = 0;
    try {
      pluginPid = await new Promise<number>((resolve, reject) => {
        let out = "";
        parent.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
          out += chunk;
          if (out.includes("\n")) resolve(Number(out.trim()));
        });
        parent.once("exit", (code) => reject(new Error(`the parent exited with ${code} before starting the plugin`)));
      });
      expect(alive(pluginPid)).toBe(true);
      parent.kill("SIGKILL");
      let gone = false;
      for (let i = 0; i < 200 && !gone; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        gone = !alive(pluginPid);
      }
      expect(gone).toBe(true);
    } finally {
      parent.kill("SIGKILL");
      if (pluginPid && alive(pluginPid)) process.kill(pluginPid, "SIGKILL");
    }
  });
});
