/**
 * A render.yaml read with its line numbers, through readers that remember which keys were used: whatever the
 * importer does not take is reported with its line, never dropped silently.
 */
import { isMap, isScalar, isSeq, LineCounter, Node, parseDocument, YAMLMap } from "yaml";

/** Something the importer has to tell the user, anchored to a line of the Blueprint. */
export interface Finding {
  readonly line: number;
  /** Blueprint path, e.g. `services[0].disk.sizeGB`. */
  readonly path: string;
  readonly message: string;
}

/** Collects what could not be mapped and what looks like a mistake. */
export class Findings {
  readonly unmapped: Finding[] = [];
  readonly warnings: Finding[] = [];
  unmappedAt(line: number, path: string, message: string): void {
    this.unmapped.push({ line, path, message });
  }
  warnAt(line: number, path: string, message: string): void {
    this.warnings.push({ line, path, message });
  }
}

/** A scalar as JSON shows it, for messages. */
const show = (v: unknown): string => JSON.stringify(v);

export class Blueprint {
  private readonly lines = new LineCounter();
  readonly root: MapReader;

  constructor(text: string, readonly findings: Findings = new Findings()) {
    const doc = parseDocument(text, { lineCounter: this.lines, keepSourceTokens: true });
    if (doc.errors.length > 0) {
      const err = doc.errors[0];
      throw new Error(`render.yaml line ${err.linePos?.[0].line ?? "?"}: ${err.message.split("\n")[0]}`);
    }
    const contents = doc.contents;
    if (!isMap(contents)) throw new Error("render.yaml: the top level must be a mapping (services:, databases:, envVarGroups:)");
    this.root = new MapReader(contents, "", this);
  }

  lineOf(node: Node | undefined | null): number {
    return node?.range ? this.lines.linePos(node.range[0]).line : 0;
  }
}

/** One item of a YAML list: a mapping (as a reader) or a plain value. */
export type ListItem = { reader: MapReader; value?: undefined; line: number; path: string }
  | { reader?: undefined; value: unknown; line: number; path: string };

export class MapReader {
  private readonly used = new Set<string>();

  constructor(private readonly node: YAMLMap, readonly path: string, private readonly bp: Blueprint) {}

  get findings(): Findings {
    return this.bp.findings;
  }

  private pair(key: string) {
    return this.node.items.find((p) => isScalar(p.key) && p.key.value === key);
  }

  /** `services[0].name` for key `name`. */
  pathOf(key: string): string {
    return this.path === "" ? key : `${this.path}.${key}`;
  }

  /** Line of `key` (of the mapping itself when no key is given or the key is absent). */
  line(key?: string): number {
    const p = key === undefined ? undefined : this.pair(key);
    return this.bp.lineOf((p?.key as Node | undefined) ?? this.node);
  }

  has(key: string): boolean {
    return this.pair(key) !== undefined;
  }

  keys(): string[] {
    return this.node.items.flatMap((p) => (isScalar(p.key) ? [String(p.key.value)] : []));
  }

  /** The plain value of `key` (marks it used). */
  raw(key: string): unknown {
    const p = this.pair(key);
    if (!p) return undefined;
    this.used.add(key);
    const v = p.value;
    if (v === null || v === undefined) return null;
    return isScalar(v) ? v.value : (v as Node).toJSON();
  }

  private typed<T>(key: string, check: (v: unknown) => v is T, what: string): T | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (check(v)) return v;
    this.findings.unmappedAt(this.line(key), this.pathOf(key), `${show(v)} is not ${what}; left out`);
    return undefined;
  }

  string(key: string): string | undefined {
    return this.typed(key, (v): v is string => typeof v === "string", "a string");
  }

  number(key: string): number | undefined {
    return this.typed(key, (v): v is number => typeof v === "number", "a number");
  }

  boolean(key: string): boolean | undefined {
    return this.typed(key, (v): v is boolean => typeof v === "boolean", "true or false");
  }

  /** A string, number or boolean. */
  scalar(key: string): string | number | boolean | undefined {
    return this.typed(key, (v): v is string | number | boolean => ["string", "number", "boolean"].includes(typeof v), "a string, number or boolean");
  }

  map(key: string): MapReader | undefined {
    const p = this.pair(key);
    if (!p) return undefined;
    this.used.add(key);
    if (isMap(p.value)) return new MapReader(p.value, this.pathOf(key), this.bp);
    this.findings.unmappedAt(this.line(key), this.pathOf(key), `${show(this.raw(key))} is not a mapping; left out`);
    return undefined;
  }

  list(key: string): ListItem[] {
    const p = this.pair(key);
    if (!p) return [];
    this.used.add(key);
    if (!isSeq(p.value)) {
      if (p.value !== null) this.findings.unmappedAt(this.line(key), this.pathOf(key), "is not a list; left out");
      return [];
    }
    return p.value.items.map((item, i) => {
      const path = `${this.pathOf(key)}[${i}]`;
      const line = this.bp.lineOf(item as Node);
      if (isMap(item)) return { reader: new MapReader(item, path, this.bp), line, path };
      return { value: isScalar(item) ? item.value : (item as Node | null)?.toJSON?.() ?? null, line, path };
    });
  }

  /** A list of strings; other items are reported and left out. */
  stringList(key: string): string[] {
    return this.list(key).flatMap((item) => {
      if (typeof item.value === "string") return [item.value];
      this.findings.unmappedAt(item.line, item.path, `${JSON.stringify(item.value ?? "(mapping)")} is not a string; left out`);
      return [];
    });
  }

  /** Marks `key` as read but not carried over, saying why. */
  unmapped(key: string, why: string): void {
    if (!this.has(key)) return;
    this.used.add(key);
    this.findings.unmappedAt(this.line(key), this.pathOf(key), why);
  }

  warn(key: string | undefined, message: string): void {
    this.findings.warnAt(this.line(key), key === undefined ? this.path : this.pathOf(key), message);
  }

  /** Reports every key nobody read. Call once the mapping has been fully mapped. */
  done(): void {
    for (const key of this.keys()) {
      if (!this.used.has(key)) {
        this.findings.unmappedAt(this.line(key), this.pathOf(key), "is not a Blueprint field render-stages maps; left out");
      }
    }
  }
}
