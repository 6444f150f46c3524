/** Pure validation of registry credential inputs. */
import { z } from "zod";
import { secretText } from "../kindProvider";
import { oneOf, text } from "../validate";
import { REGISTRIES } from "./fields";

export function registryCredentialSchema() {
  return z.strictObject({
    name: text("a credential name"),
    registry: oneOf(REGISTRIES, "a registry Render pulls from"),
    username: text("a registry user name"),
    authToken: secretText("a registry token"),
    ownerId: text("a workspace id (tea-…)", /^(tea|usr)-\S+$/).optional(),
  });
}
