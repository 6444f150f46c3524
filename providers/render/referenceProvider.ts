/**
 * What the reference kinds (PostgresConnection, KeyValueConnection, ServiceEndpoint) share. A reference's one
 * input is the id of the resource it reads, which an update keeps: during an update's preview the reference
 * stays `same` with the values it stored, where the resource's own computed outputs would turn unknown (the
 * dynamic-provider plugin has no provider-side preview) and show a change in every dependent. A new id (the
 * resource replaced) replaces the reference. It owns nothing at Render: create and refresh read, delete calls
 * nothing, and its own id is the referenced one (so `pulumi import` needs no extra id).
 */
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import type { RenderClient } from "./client";
import { DiffOutcome, diffProps } from "./diffProps";
import { isNotFound } from "./errors";
import { READ_SECRET_FIELDS, withSecretFields } from "./secretWire";
import { RenderProvider } from "./providerBase";
import { CheckOutcome, checkWith, text } from "./validate";

export interface ReferenceSpec {
  /** The one input: the referenced resource's id. */
  field: string;
  /** Completes "required; use …": `the id of a Render Postgres database (dpg-…)`. */
  rule: string;
  /** The referenced values, with the fewest GETs that give them. */
  fetch(api: RenderClient, id: string): Promise<Record<string, unknown>>;
}

export function checkReference(spec: ReferenceSpec, news: Record<string, unknown>): CheckOutcome<Record<string, string>> {
  return checkWith(() => z.strictObject({ [spec.field]: text(spec.rule) }), news) as CheckOutcome<Record<string, string>>;
}

/** Same id: no change (said explicitly). Another or a still unknown id: a replacement. */
export function diffReference(spec: ReferenceSpec, olds: Record<string, unknown>, news: Record<string, unknown>): DiffOutcome {
  return diffProps(olds, news, { keys: [spec.field], createOnly: [spec.field] });
}

/** Host, port, user and database of a connection string; `what` names it in a failure (never the string). */
export function endpointOf(connectionString: string, defaultPort: number, what: string) {
  let url: URL;
  try {
    url = new URL(connectionString);
  } catch {
    throw new Error(`${what}: Render returned a connection string that is not a URL`);
  }
  return {
    host: url.hostname, port: url.port ? Number(url.port) : defaultPort,
    user: decodeURIComponent(url.username), database: decodeURIComponent(url.pathname.replace(/^\//, "")),
  };
}

export class ReferenceProvider extends RenderProvider implements pulumi.dynamic.ResourceProvider {
  constructor(private readonly spec: ReferenceSpec) {
    super();
  }

  async check(_olds: Record<string, unknown>, news: Record<string, unknown>) {
    return checkReference(this.spec, news);
  }

  async diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>) {
    return diffReference(this.spec, olds, news);
  }

  async create(inputs: Record<string, string>) {
    const id = inputs[this.spec.field];
    return { id, outs: { [this.spec.field]: id, ...(await this.spec.fetch(this.api(), id)) } };
  }

  /** Refresh: the values as Render has them now, whatever the state held (a difference shows as drift); gone with the resource. */
  async read(id: string, _props?: Record<string, unknown>) {
    try {
      const inputs = { [this.spec.field]: id };
      return { id, props: withSecretFields({ ...inputs, ...(await this.spec.fetch(this.api(), id)) }, READ_SECRET_FIELDS), inputs };
    } catch (err) {
      if (isNotFound(err)) return { id: "" };
      throw err;
    }
  }

  /** Never reached with a change (diff says none or replace); keeps the stored values. */
  async update(_id: string, olds: Record<string, unknown>) {
    return { outs: olds };
  }

  /** Owns nothing at Render, so nothing to call. */
  async delete(): Promise<void> {
    return;
  }
}
