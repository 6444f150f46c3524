/**
 * Docker image references as Render stores them: registry host, namespace and tag made explicit
 * (`nginx` → `docker.io/library/nginx:latest`, cas: disks#0).
 */
export function normaliseImagePath(path: string): string {
  const ref = path.trim();
  const [name, digest] = ref.split("@");
  const parts = name.split("/");
  const hasRegistry = parts.length > 1 && (parts[0].includes(".") || parts[0].includes(":") || parts[0] === "localhost");
  let full = hasRegistry ? name : parts.length === 1 ? `docker.io/library/${name}` : `docker.io/${name}`;
  const lastSegment = full.slice(full.lastIndexOf("/") + 1);
  if (!digest && !lastSegment.includes(":")) full += ":latest";
  return digest ? `${full}@${digest}` : full;
}
