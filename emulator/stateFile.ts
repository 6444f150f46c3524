/** Saving and loading the emulator's inventory (`--state FILE`); writes are atomic (temp file + rename). */
import * as fs from "fs";
import * as path from "path";
import type { StoreData } from "./store";

export interface SavedState {
  version: 1;
  clockOffsetMs: number;
  data: StoreData;
}

export function loadState(file: string): SavedState | undefined {
  if (!fs.existsSync(file)) return undefined;
  const parsed = JSON.parse(fs.readFileSync(file, "utf8")) as SavedState;
  if (parsed.version !== 1 || typeof parsed.data !== "object" || parsed.data === null) {
    throw new Error(`state file ${file} is not an emulator state file (expected {"version":1,...}); move it away or pass another --state path`);
  }
  return parsed;
}

export function saveState(file: string, state: SavedState): void {
  const dir = path.dirname(path.resolve(file));
  fs.mkdirSync(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  fs.writeFileSync(temp, JSON.stringify(state));
  fs.renameSync(temp, file);
}
