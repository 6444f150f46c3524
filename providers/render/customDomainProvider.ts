/**
 * One custom domain on a web service or static site. Both fields are fixed: a change removes the old name
 * first (a name can be attached once) and adds the new one. The resource id is `<serviceId>/<name>`, so
 * `pulumi import` needs nothing else.
 */
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { DiffOutcome, diffProps } from "./diffProps";
import { isNotFound } from "./errors";
import type { CustomDomainInputs, CustomDomainOutputs } from "./inputs";
import { RenderProvider, finishCreate } from "./providerBase";
import type { CustomDomain as RenderCustomDomain } from "./schemas";
import { DOMAIN, DOMAIN_RULE } from "./serviceCheck";
import { CheckOutcome, checkWith, text } from "./validate";

export function customDomainInputsSchema() {
  return z.strictObject({
    serviceId: text("a Render service id like srv-…"),
    name: text(DOMAIN_RULE, DOMAIN),
  });
}

export function checkCustomDomain(news: Record<string, unknown>): CheckOutcome<CustomDomainInputs> {
  return checkWith(customDomainInputsSchema, news);
}

export function diffCustomDomain(olds: Record<string, unknown>, news: Record<string, unknown>): DiffOutcome {
  return diffProps(olds, news, { keys: ["serviceId", "name"], createOnly: ["serviceId", "name"], deleteBeforeReplace: true });
}

function splitId(id: string): { serviceId: string; name: string } {
  const slash = id.indexOf("/");
  if (slash <= 0 || slash === id.length - 1) {
    throw new Error(`custom domain id ${JSON.stringify(id)} is not <serviceId>/<domain name>, e.g. srv-abc123/www.example.com`);
  }
  return { serviceId: id.slice(0, slash), name: id.slice(slash + 1) };
}

function outputsFrom(serviceId: string, domain: RenderCustomDomain): CustomDomainOutputs {
  return {
    serviceId, name: domain.name, domainId: domain.id, domainType: domain.domainType,
    verificationStatus: domain.verificationStatus, redirectForName: domain.redirectForName ?? "",
  };
}

class CustomDomainProvider extends RenderProvider implements pulumi.dynamic.ResourceProvider {
  async check(_olds: Record<string, unknown>, news: Record<string, unknown>) {
    return checkCustomDomain(news);
  }

  async diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>) {
    return diffCustomDomain(olds, news);
  }

  async create(inputs: CustomDomainInputs) {
    const created = await this.api().createCustomDomain(inputs.serviceId, inputs.name);
    const id = `${inputs.serviceId}/${inputs.name}`;
    const domain = created.find((d) => d.name === inputs.name);
    const partial = () => ({ serviceId: inputs.serviceId, name: inputs.name });
    return finishCreate(id, inputs as unknown as Record<string, unknown>, partial, async () => {
      if (!domain) throw new Error(`Render's answer to adding ${inputs.name} does not list it`);
      return { id, outs: outputsFrom(inputs.serviceId, domain) };
    });
  }

  async read(id: string) {
    const { serviceId, name } = splitId(id);
    let domains: RenderCustomDomain[];
    try {
      domains = await this.api().listCustomDomains(serviceId);
    } catch (err) {
      if (isNotFound(err)) return { id: "" };
      throw err;
    }
    const domain = domains.find((d) => d.name === name);
    if (!domain) return { id: "" };
    const outs = outputsFrom(serviceId, domain);
    return { id, props: outs, inputs: { serviceId, name } };
  }

  async update(_id: string, olds: CustomDomainOutputs) {
    return { outs: olds };
  }

  async delete(id: string) {
    const { serviceId, name } = splitId(id);
    await this.api().deleteCustomDomain(serviceId, name);
  }
}

/** What the `CustomDomain` resource runs in the plugin (loaded there from the runtime bundle, see runtime.ts). */
export const customDomainProvider = new CustomDomainProvider();
