/**
 * The native provider SDKs, loaded the first time a stage uses them (storage and CDN from stage 4, load
 * balancing at stage 5): each is megabytes of generated code, which stages 0 to 3 never need.
 */
/* eslint-disable @typescript-eslint/no-var-requires */
export const nativeSdks = {
  aws: () => require("@pulumi/aws") as typeof import("@pulumi/aws"),
  cloudflare: () => require("@pulumi/cloudflare") as typeof import("@pulumi/cloudflare"),
  digitalocean: () => require("@pulumi/digitalocean") as typeof import("@pulumi/digitalocean"),
};
