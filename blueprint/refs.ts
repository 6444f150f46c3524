/** What a Blueprint's names refer to, so `fromDatabase`/`fromService`/`fromGroup` can be rewired to config keys. */

export interface ServiceRef {
  key: string;
  /** Blueprint short type: web, pserv, worker, cron, static, keyvalue. */
  type: string;
}

export interface BlueprintRefs {
  /** Blueprint database name → config `database.name` (only the one database we manage). */
  readonly databases: Map<string, string>;
  /** Blueprint Key Value name → config `cache.name`. */
  readonly keyValues: Map<string, string>;
  /** Blueprint service name → app key and type. */
  readonly services: Map<string, ServiceRef>;
  /** Blueprint env group name → `envGroups` key. */
  readonly groups: Map<string, string>;
  /** Private services whose disk moves onto a web app (stage 1): Blueprint name → web app key. */
  readonly foldedServices: Map<string, string>;
}

export function emptyRefs(): BlueprintRefs {
  return { databases: new Map(), keyValues: new Map(), services: new Map(), groups: new Map(), foldedServices: new Map() };
}
