/**
 * What render-oss/terraform-provider-render spends on the same operations, counted in its recorded
 * acceptance-test traffic (go-vcr cassettes under internal/provider/<kind>/resource/testdata/).
 * `cas: <cassette>#<interaction ids>` names the interactions counted.
 */
export interface TerraformFigure {
  readonly figure: string;
  readonly value: string;
  readonly source: string;
}

export function terraformFigures(): TerraformFigure[] {
  return [
    {
      figure: "noopUp.writes",
      value: "0",
      source: "a plan with no changes is all GETs (cas: web_service#20–#43, three refresh rounds)",
    },
    {
      figure: "noopUp.readsPerResource",
      value: "4.67",
      source:
        "Terraform refreshes every resource on each plan (our figure is for `up --refresh`); mean over a " +
        "stage 3 stack's kinds: web service 8 (cas: web_service#20–#27), Postgres 3 (cas: postgres#19–#21: " +
        "GET /postgres/{id}, …/connection-info, /logs/streams/resource/{id}), Key Value 3 (cas: keyvalue#16–#18, same three)",
    },
    {
      figure: "refreshReadsPerWebService",
      value: "8",
      source:
        "cas: web_service#20–#27: GET /services/{id}, env-vars ×2 and secret-files ×2 (it pages until an empty page), " +
        "custom-domains, notification override, log stream",
    },
    {
      figure: "createWritesWebService2Domains",
      value: "5",
      source:
        "cas: web_service#0–#4: POST /services, POST …/custom-domains ×2, PATCH notification override, PUT log stream " +
        "(then 15 more GETs, #5–#19, to re-read what it just wrote)",
    },
    {
      figure: "stage3Up.ratio",
      value: "n/a",
      source: "not recorded; its Postgres poller starts at 3 s and grows ×1.2 to 15 s, so readiness is seen up to 15 s late",
    },
    { figure: "providerBytes.max", value: "n/a", source: "a Go plugin: no provider code is stored in state" },
    { figure: "scaling.ratio", value: "n/a", source: "not recorded" },
    { figure: "peakRssMb200", value: "n/a", source: "not recorded" },
  ];
}
