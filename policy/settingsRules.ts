/**
 * Production rules for the workspace settings: logs leave Render somewhere (a workspace log stream, or a
 * stream of its own for every service), and failed deploys notify someone.
 */
import type { PolicyTarget } from "./rules";

const TOKEN = "pulumi-nodejs:dynamic/render:";
const ofKind = (resources: readonly PolicyTarget[], kind: string) => resources.filter((r) => r.type === `${TOKEN}${kind}`);

/** Every service ships its logs: through the workspace's LogStream, or a ResourceLogStream that sends to an endpoint. */
export function logStreamConfigured(resources: readonly PolicyTarget[]): string[] {
  const services = ofKind(resources, "Service");
  if (services.length === 0) return [];
  const overrides = ofKind(resources, "ResourceLogStream");
  const problems = overrides.filter((o) => o.props.setting === "drop")
    .map((o) => `ResourceLogStream "${o.name}" drops the logs of ${String(o.props.resourceId)}; production keeps its logs: use setting "send".`);
  if (ofKind(resources, "LogStream").length > 0) return problems;
  // The stack names a service's own stream `<service>-log-stream` (components/workspaceSettings.ts).
  const streamed = new Set(overrides.filter((o) => o.props.setting === "send" && typeof o.props.endpoint === "string").map((o) => o.name));
  const missing = services.filter((s) => !streamed.has(`${s.name}-log-stream`));
  if (missing.length > 0) {
    problems.push(`No log stream: ${missing.map((s) => `Service "${s.name}"`).join(", ")} keep logs only in Render's short retention; ` +
      `set logStream (endpoint host:port, tokenSecret) in the stack config: pulumi config set --path logStream.endpoint logs.example.com:6514`);
  }
  return problems;
}

/** Failed deploys notify: the workspace settings send at least failures, and no service override silences them. */
export function failedDeployNotifications(resources: readonly PolicyTarget[]): string[] {
  if (ofKind(resources, "Service").length === 0) return [];
  const problems: string[] = [];
  const settings = ofKind(resources, "NotificationSettings");
  if (settings.length === 0) {
    problems.push(`Notifications are not managed by this stack; set notifications.notificationsToSend to "failure" or "all": ` +
      `pulumi config set --path notifications.notificationsToSend failure`);
  }
  for (const s of settings) {
    if (s.props.notificationsToSend === "none") {
      problems.push(`NotificationSettings "${s.name}" sends no notifications; production needs "failure" or "all" so failed deploys are seen.`);
    }
  }
  for (const o of ofKind(resources, "NotificationOverride")) {
    if (o.props.notificationsToSend === "none") {
      problems.push(`NotificationOverride "${o.name}" silences ${String(o.props.serviceId)}; use "default", "failure" or "all".`);
    }
  }
  return problems;
}
