/** Registry credential: Args (program side), Inputs (checked), Outputs (state). */
import type * as pulumi from "@pulumi/pulumi";
import type { REGISTRIES } from "./fields";

export type Registry = (typeof REGISTRIES)[number];

export interface RegistryCredentialArgs {
  /** Name shown in the Render dashboard. */
  name: pulumi.Input<string>;
  /** GITHUB, GITLAB, DOCKER, GOOGLE_ARTIFACT or AWS_ECR. */
  registry: pulumi.Input<Registry>;
  username: pulumi.Input<string>;
  /** Registry access token or password; secret, write-only at Render. */
  authToken: pulumi.Input<string>;
  /** Workspace (default: the API key's only workspace or RENDER_OWNER_ID); create-only. */
  ownerId?: pulumi.Input<string>;
}

export interface RegistryCredentialInputs {
  name: string;
  registry: Registry;
  username: string;
  /** Absent only after an import: Render never returns it. */
  authToken?: string;
  ownerId?: string;
}

export interface RegistryCredentialOutputs extends RegistryCredentialInputs {
  ownerId: string;
}
