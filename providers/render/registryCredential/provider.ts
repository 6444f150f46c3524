/** What the `RegistryCredential` resource runs in the plugin (from the runtime bundle, see runtime.ts). */
import { KindProvider } from "../kindProvider";
import { registryCredentialSchema } from "./check";
import { FIELDS } from "./fields";
import type { RegistryCredentialInputs, RegistryCredentialOutputs } from "./types";
import { registryCredentialWire } from "./wire";

export const registryCredentialProvider = new KindProvider<RegistryCredentialInputs, RegistryCredentialOutputs>(
  registryCredentialSchema, FIELDS, registryCredentialWire);
