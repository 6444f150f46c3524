/**
 * The `Project` resource class. Its provider is a small loader for the runtime bundle (runtimeProvider.ts): the
 * implementation lives in projectProvider.ts.
 */
import * as pulumi from "@pulumi/pulumi";
import type { ProjectArgs, ProjectEnvironmentInputs } from "./inputs";
import { makeProvider } from "./runtimeProvider";

/** A Render project: a named group of environments that services, databases and env groups belong to. */
export class Project extends pulumi.dynamic.Resource {
  declare readonly name: pulumi.Output<string>;
  declare readonly environments: pulumi.Output<ProjectEnvironmentInputs[]>;
  declare readonly environmentIds: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: ProjectArgs, opts?: pulumi.CustomResourceOptions) {
    super(makeProvider("Project"), name, { ...args, environmentIds: undefined }, opts, "render", "Project");
  }
}
