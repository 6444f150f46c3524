/** Host names out of URLs and connection strings Render returns. */
import * as pulumi from "@pulumi/pulumi";

/** `https://x.onrender.com` → `x.onrender.com`; `postgresql://u:p@h:5432/db` → `h`. Empty stays empty. */
export function hostnameOf(url: pulumi.Input<string>): pulumi.Output<string> {
  return pulumi.output(url).apply((u) => (u ? new URL(u).hostname : ""));
}

/** The host of a secret connection string: a host name is not secret, the string around it is. */
export function publicHostnameOf(connectionString: pulumi.Input<string>): pulumi.Output<string> {
  return pulumi.unsecret(hostnameOf(connectionString));
}
