/**
 * Statuses derived lazily from timestamps: nothing runs in the background, a read just compares
 * the clock with when things were scheduled to happen.
 */
import type { DeployRecord, KeyValueRecord, PostgresRecord, StoreData } from "./store";

export interface DeployTimeline {
  status: string;
  startedAt?: number;
  finishedAt?: number;
  updatedAt: number;
}

const liveAt = (deploy: DeployRecord) => deploy.startAt + deploy.buildMs + deploy.updateMs;

/** True while a deploy has not reached a final state. */
export function deployInProgress(deploy: DeployRecord, now: number): boolean {
  return deploy.canceledAt === undefined && now < liveAt(deploy);
}

/**
 * `queued` → `build_in_progress` (git only) → `update_in_progress` → `live`; a live deploy becomes
 * `deactivated` once a newer deploy of the same service is live.
 */
export function deployTimeline(deploy: DeployRecord, data: StoreData, now: number): DeployTimeline {
  if (deploy.canceledAt !== undefined && deploy.canceledAt <= now) {
    return { status: "canceled", startedAt: Math.min(deploy.startAt, deploy.canceledAt), finishedAt: deploy.canceledAt, updatedAt: deploy.canceledAt };
  }
  if (now < deploy.startAt) return { status: "queued", updatedAt: deploy.createdAt };
  const buildEnd = deploy.startAt + deploy.buildMs;
  if (now < buildEnd) return { status: "build_in_progress", startedAt: deploy.startAt, updatedAt: deploy.startAt };
  const live = liveAt(deploy);
  if (now < live) return { status: "update_in_progress", startedAt: deploy.startAt, updatedAt: buildEnd };
  const successor = Object.values(data.deploys).find(
    (other) => other.serviceId === deploy.serviceId && other.seq > deploy.seq && other.canceledAt === undefined && liveAt(other) <= now,
  );
  if (successor) return { status: "deactivated", startedAt: deploy.startAt, finishedAt: live, updatedAt: liveAt(successor) };
  return { status: "live", startedAt: deploy.startAt, finishedAt: live, updatedAt: live };
}

/**
 * When a new deploy of the service may start: it queues behind a deploy that is already swapping
 * instances (`update_in_progress`) or queued itself; a build still running does not hold it up
 * (cas: web_service#54 got 201 during a build, disks#41/#72/#103 got 202 during swaps).
 */
export function queuedUntil(serviceId: string, data: StoreData, now: number): number | undefined {
  const blocking = Object.values(data.deploys).filter((deploy) => {
    if (deploy.serviceId !== serviceId || !deployInProgress(deploy, now)) return false;
    return now < deploy.startAt || now >= deploy.startAt + deploy.buildMs;
  });
  return blocking.length > 0 ? Math.max(...blocking.map(liveAt)) : undefined;
}

/** `creating` until ready, then a PATCH's transitional status for a while, else `available`/`suspended`. */
export function databaseStatus(record: PostgresRecord | KeyValueRecord, now: number): string {
  if (now < record.readyAt) return "creating";
  if (now < record.busyUntil) return record.busyStatus;
  if ("suspended" in record && record.suspended) return "suspended";
  return "available";
}
