/**
 * The provider every small Render kind shares (registry credentials, log and metrics streams, notification
 * settings, webhooks, maintenance mode): check through the kind's schema, diff from its field table, and
 * create/read/update/delete through the kind's wire module. Each kind's folder holds only what is its own.
 */
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import type { RenderClient } from "./client";
import { DiffOutcome, diffProps } from "./diffProps";
import { isNotFound } from "./errors";
import { RenderProvider } from "./providerBase";
import { checkWith, CheckOutcome, dropUndefined, show } from "./validate";

type Props = Record<string, unknown>;

/** One kind's field table, like the Terraform provider's attribute table. */
export interface KindFields {
  /** Every input the user sets; diff and refresh derive from this list. */
  keys: readonly string[];
  /** A change replaces the object. */
  createOnly?: readonly string[];
  /** Left out, Render keeps or picks the value: an absent input matches whatever the state holds. */
  serverDefaulted?: readonly string[];
  /** Write-only secrets Render never returns: refresh keeps the value in state, import cannot know it. */
  writeOnly?: readonly string[];
}

export interface KindWire<I, O> {
  create(api: RenderClient, inputs: I): Promise<{ id: string; outs: O }>;
  /** Undefined when the object is gone. `prior` is the state (empty on import). */
  read(api: RenderClient, id: string, prior: Partial<O>): Promise<O | undefined>;
  update(api: RenderClient, id: string, olds: O, news: I, changed: readonly string[]): Promise<O>;
  delete(api: RenderClient, id: string, props: O): Promise<void>;
}

export function diffKind(fields: KindFields, olds: Props, news: Props): DiffOutcome {
  const same: Record<string, (o: unknown, n: unknown) => boolean> = {};
  for (const key of fields.serverDefaulted ?? []) {
    same[key] = (o, n) => n === undefined || JSON.stringify(o) === JSON.stringify(n);
  }
  return diffProps(olds, news, { keys: fields.keys, createOnly: fields.createOnly, same });
}

/** The inputs refresh and import store: the field table's keys, write-only secrets only when state had them. */
export function inputsOf(fields: KindFields, outs: Props): Props {
  const inputs: Props = {};
  for (const key of fields.keys) if (outs[key] !== undefined) inputs[key] = outs[key];
  return inputs;
}

/** Write-only values kept from the state, so a refresh neither loses nor reveals them. */
export function keepWriteOnly(fields: KindFields, outs: Props, prior: Props): Props {
  const kept = { ...outs };
  for (const key of fields.writeOnly ?? []) if (prior[key] !== undefined) kept[key] = prior[key];
  return kept;
}

/** A failure message for a secret field: says what is wrong without the value. */
export function secretReason(what: string): string {
  return `<secret> is not ${what}; use a non-empty string (the value is not shown because it is secret)`;
}

export class KindProvider<I extends object, O extends object> extends RenderProvider implements pulumi.dynamic.ResourceProvider {
  constructor(private readonly schema: () => z.ZodType<I>,
    private readonly fields: KindFields, private readonly wire: KindWire<I, O>) {
    super();
  }

  async check(_olds: Props, news: Props): Promise<CheckOutcome<I>> {
    return checkWith(this.schema, news);
  }

  async diff(_id: string, olds: Props, news: Props) {
    return diffKind(this.fields, olds, news);
  }

  async create(inputs: I) {
    const { id, outs } = await this.wire.create(this.api(), inputs);
    return { id, outs: dropUndefined(outs as Props) };
  }

  async read(id: string, props: Props) {
    try {
      const found = await this.wire.read(this.api(), id, (props ?? {}) as Partial<O>);
      if (!found) return { id: "" };
      const outs = dropUndefined(keepWriteOnly(this.fields, found as Props, props ?? {}));
      return { id, props: outs, inputs: inputsOf(this.fields, outs) };
    } catch (err) {
      if (isNotFound(err)) return { id: "" };
      throw err;
    }
  }

  async update(id: string, olds: O, news: I) {
    const changed = diffKind(this.fields, olds as Props, news as Props).changed;
    return { outs: dropUndefined(await this.wire.update(this.api(), id, olds, news, changed) as Props) };
  }

  async delete(id: string, props: O) {
    try {
      await this.wire.delete(this.api(), id, props);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}

/** A secret string field: its failures never echo the value. */
export function secretText(what: string) {
  const reason = (iss: { input?: unknown }) => iss.input === undefined ? `required; use ${what}` : secretReason(what);
  return z.string({ error: reason }).min(1, { error: reason });
}

/** A URL with one of `schemes`. */
export function url(what: string, schemes = ["https"]) {
  const re = new RegExp(`^(${schemes.join("|")})://[^\\s/]+\\S*$`);
  return z.string({ error: (iss) => `${show(iss.input)} is not ${what}` }).regex(re, { error: (iss) => `${show(iss.input)} is not ${what}` });
}
