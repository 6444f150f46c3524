/** Workspaces the API key can act for, and the key's user. */
import { notFound, type RequestContext, type Reply } from "../http";
import { envelope, pageOf, queryList } from "../pagination";
import type { Router } from "../router";
import { ownerView } from "../views";

function list(ctx: RequestContext): Reply {
  const [names, emails] = [queryList(ctx.query, "name"), queryList(ctx.query, "email")];
  const owners = ctx.ownerIds
    .map((id, i) => ({ owner: ctx.store.data.owners[id], seq: i + 1 }))
    .filter(({ owner }) => owner !== undefined && (!names || names.includes(owner.name)) && (!emails || emails.includes(owner.email)));
  return { status: 200, body: envelope(pageOf(owners, ctx.query, false), "owner", ({ owner }) => ownerView(owner)) };
}

export function registerOwners(router: Router): void {
  router
    .add("GET", "/owners", list)
    .add("GET", "/owners/{ownerId}", (ctx) => {
      const owner = ctx.store.data.owners[ctx.params.ownerId];
      if (!owner || !ctx.ownerIds.includes(owner.id)) throw notFound(ctx.params.ownerId);
      return { status: 200, body: ownerView(owner) };
    })
    .add("GET", "/users", (ctx) => {
      const owner = ctx.store.data.owners[ctx.ownerIds[0]];
      return { status: 200, body: { email: owner.email, name: owner.name } };
    });
}
