/**
 * Stack names become file names (`Pulumi.<stack>.yaml`, `.sandbox/<stack>.json`, `.lock`, `.key`,
 * `.emulator.json`), so a name is checked before any of them is touched: Pulumi's alphabet (letters, digits, `-`,
 * `_`, `.`), at most 100 characters, starting with a letter, digit or `_` (never `.` or `..`, never a hidden file).
 */
const STACK_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}$/;

export const STACK_NAME_RULE = 'a stack name is 1 to 100 letters, digits, "-", "_" or ".", starting with a letter, digit or "_"';

export const isStackName = (name: string): boolean => STACK_NAME.test(name);

/** Throws naming where the name came from, the name and what is allowed. */
export function checkStackName(name: string, source = "stack"): string {
  if (!STACK_NAME.test(name)) throw new Error(`${source}: ${JSON.stringify(name)} is not a valid stack name; ${STACK_NAME_RULE}.`);
  return name;
}
