/**
 * Object storage (stage 4+) for media and uploads: a DigitalOcean Spaces bucket with CORS, CDN and an access
 * key, or an AWS S3 bucket with every public-access path blocked and CORS. Only the bucket holds data.
 */
import * as pulumi from "@pulumi/pulumi";
import type { StackConfig, StorageSpec } from "./config";
import type { StorageProvider } from "./enums";
import type { StorageRefs } from "./envWiring";
import { nativeSdks } from "./nativeSdks";
import { childName } from "./naming";

/**
 * Create-only inputs of each provider's bucket: DigitalOcean and AWS both create a new, empty bucket when the
 * name or region changes (the data-safety plan reads this list, components/dataSafety.ts).
 */
export const BUCKET_CREATE_ONLY: Record<StorageProvider, readonly string[]> = { spaces: ["name", "region"], s3: ["bucket", "region"] };

/** The bucket's own inputs for its provider. */
export function bucketArgs(st: StorageSpec): Record<string, string> {
  return st.provider === "spaces" ? { name: st.bucket, region: st.region, acl: "private" } : { bucket: st.bucket, region: st.region };
}

/** Browsers upload and read media directly; credentials never reach them (presigned URLs). */
function corsRule(origins: pulumi.Input<string>[]) {
  return {
    allowedMethods: ["GET", "HEAD", "PUT", "POST"],
    allowedOrigins: origins,
    allowedHeaders: ["*"],
    exposeHeaders: ["ETag"],
    maxAgeSeconds: 3600,
  };
}

export interface StorageBlock {
  /** The resource that holds the data (protected when `protectData`). */
  bucket: pulumi.CustomResource;
  refs: StorageRefs;
}

function createSpaces(parent: pulumi.Resource, name: string, config: StackConfig, st: StorageSpec, origins: pulumi.Input<string>[]): StorageBlock {
  const digitalocean = nativeSdks.digitalocean();
  const base = childName.bucket(name, "spaces");
  const bucket = new digitalocean.SpacesBucket(base, bucketArgs(st) as { name: string; region: string; acl: string },
    { parent, protect: config.protectData });
  new digitalocean.SpacesBucketCorsConfiguration(`${base}-cors`,
    { bucket: bucket.name, region: st.region, corsRules: [corsRule(origins)] }, { parent });
  const cdn = st.cdn === false ? undefined
    : new digitalocean.Cdn(`${base}-cdn`, { origin: bucket.bucketDomainName, ttl: st.cdnTtlSeconds }, { parent });
  const key = new digitalocean.SpacesKey(`${base}-key`,
    { name: `${config.namePrefix}-media`, grants: [{ bucket: bucket.name, permission: "readwrite" }] },
    { parent }); // the SDK marks secretKey as a secret output itself
  return {
    bucket,
    refs: {
      endpoint: pulumi.output(`https://${st.region}.digitaloceanspaces.com`),
      bucket: bucket.name,
      accessKeyId: key.accessKey,
      secretAccessKey: pulumi.secret(key.secretKey),
      cdnUrl: cdn ? pulumi.interpolate`https://${cdn.endpoint}` : undefined,
    },
  };
}

function createS3(parent: pulumi.Resource, name: string, config: StackConfig, st: StorageSpec, origins: pulumi.Input<string>[]): StorageBlock {
  const aws = nativeSdks.aws();
  const base = childName.bucket(name, "s3");
  const bucket = new aws.s3.Bucket(base, bucketArgs(st) as { bucket: string; region: string }, { parent, protect: config.protectData });
  new aws.s3.BucketPublicAccessBlock(`${base}-public-access`, {
    bucket: bucket.id, region: st.region,
    blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
  }, { parent });
  new aws.s3.BucketCorsConfiguration(`${base}-cors`, { bucket: bucket.id, region: st.region, corsRules: [corsRule(origins)] }, { parent });
  return {
    bucket,
    refs: { endpoint: pulumi.output(`https://s3.${st.region}.amazonaws.com`), bucket: bucket.bucket },
  };
}

/** Default CORS origins: every custom domain, else any onrender.com site (one wildcard is allowed). */
export function defaultOrigins(config: StackConfig): string[] {
  const domains = Object.values(config.apps).flatMap((a) => a.domains).filter((d) => !d.startsWith("*."));
  return domains.length > 0 ? domains.map((d) => `https://${d}`) : ["https://*.onrender.com"];
}

/** Browsers may use the bucket from `storage.corsOrigins`, else from defaultOrigins. */
export function createStorage(parent: pulumi.Resource, name: string, config: StackConfig): StorageBlock {
  const st = config.storage;
  if (!st) throw new Error("storage: stage 4 needs storage settings (provider, bucket, region)");
  const allowed = st.corsOrigins ?? defaultOrigins(config);
  return st.provider === "spaces" ? createSpaces(parent, name, config, st, allowed) : createS3(parent, name, config, st, allowed);
}
