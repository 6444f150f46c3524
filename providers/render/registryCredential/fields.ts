/** Registry credential fields (spec `registryCredential`; Terraform `render_registry_credential`). */
import type { KindFields } from "../kindProvider";

export const REGISTRIES = ["GITHUB", "GITLAB", "DOCKER", "GOOGLE_ARTIFACT", "AWS_ECR"] as const;

export const FIELDS: KindFields = {
  keys: ["name", "registry", "username", "authToken", "ownerId"],
  createOnly: ["ownerId"],
  serverDefaulted: ["ownerId"],
  // `authToken` is write-only (spec: not in any response).
  writeOnly: ["authToken"],
};
