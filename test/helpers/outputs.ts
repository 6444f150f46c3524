/** Unwrapping Outputs in tests: value, secretness and knownness, without `pulumi up`. */
import * as pulumi from "@pulumi/pulumi";

interface OutputInternals<T> {
  promise(): Promise<T>;
  isSecret: Promise<boolean>;
  isKnown: Promise<boolean>;
}

function internals<T>(o: pulumi.Output<T>): OutputInternals<T> {
  return o as unknown as OutputInternals<T>;
}

/** The value an Output (or plain value) resolves to. */
export async function valueOf<T>(o: pulumi.Input<T>): Promise<T> {
  if (!pulumi.Output.isInstance(o)) return o as T;
  return internals(o as pulumi.Output<T>).promise();
}

/** Whether an Output is marked secret. */
export async function isSecret(o: pulumi.Input<unknown>): Promise<boolean> {
  if (!pulumi.Output.isInstance(o)) return false;
  return internals(o as pulumi.Output<unknown>).isSecret;
}

/** Value and secretness together. */
export async function unwrap<T>(o: pulumi.Input<T>): Promise<{ value: T; secret: boolean }> {
  return { value: await valueOf(o), secret: await isSecret(o) };
}

/** Every value of a record of Outputs, with secretness. */
export async function unwrapRecord(record: Record<string, pulumi.Input<string>>): Promise<Record<string, { value: string; secret: boolean }>> {
  const out: Record<string, { value: string; secret: boolean }> = {};
  for (const [k, v] of Object.entries(record)) out[k] = await unwrap(v);
  return out;
}
