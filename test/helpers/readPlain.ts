/**
 * A provider's `read` as the engine hands its result to the next call: secret markers removed (the plugin does
 * not accept secrets, so the engine unwraps them before a Diff). `read` wraps env vars, secret files, passwords
 * and connection strings as secrets; tests comparing values compare the plain ones.
 */
import { revealSecrets } from "../../sandbox/wire";

export async function readPlain<A extends unknown[], R>(target: { read(...args: A): Promise<R> }, ...args: A): Promise<R> {
  return revealSecrets(await target.read(...args)) as R;
}
