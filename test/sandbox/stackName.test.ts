import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadProject, resolveStackFile } from "../../sandbox/stackConfig";
import { statePaths } from "../../sandbox/stateStore";

describe("stack names", () => {
  const project = loadProject(path.join(__dirname, "..", ".."));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stack-names-"));

  it.each([
    ["Pulumi....yaml", ".."],
    ["Pulumi..yaml", ""],
    ["Pulumi..hidden.yaml", ".hidden"],
    [path.join(dir, "Pulumi.a b.yaml"), "a b"],
  ])("refuses the stack file %j, whose stack name would be %j, before touching any file", (file, stack) => {
    expect(() => resolveStackFile(project, file)).toThrow(`gives the stack name ${JSON.stringify(stack)}, which is not valid; a stack name is 1 to 100 letters`);
  });

  it.each(["..", ".", "", "-rf", "a/b", "x".repeat(101), ".hidden"])("refuses the stack name %j for state paths and --stack", (stack) => {
    expect(() => statePaths(dir, stack)).toThrow(`stack: ${JSON.stringify(stack)} is not a valid stack name`);
    if (!stack.includes("/")) expect(() => resolveStackFile(project, stack)).toThrow(/is not a stack name|is not valid/);
  });

  it("keeps every state file inside the state directory for valid names", () => {
    for (const stack of ["dev", "prod", "pr-12", "feature_x.v2", "x".repeat(100)]) {
      const paths = statePaths(dir, stack);
      for (const file of [paths.state, paths.lock, paths.key, paths.emulator]) expect(path.dirname(file)).toBe(dir);
    }
    expect(resolveStackFile(project, path.join(dir, "Pulumi.pr-12.yaml"))).toEqual({ stack: "pr-12", file: path.join(dir, "Pulumi.pr-12.yaml") });
  });
});
