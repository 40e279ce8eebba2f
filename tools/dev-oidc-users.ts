// The development provider's settings for npm start with DEV_OIDC=1 (tools/dev-oidc-provider.mjs):
// one demo user for each role, bound to records of the demo data (a district, a platform, an
// enterprise's credit code, a serving volunteer), the pages' public client, and a confidential
// client for tools (client credentials). Its keys are made afresh at every start.
import { generateDemo } from "../demo/generate";
import type { HubConfig } from "../runtime/config";

/** A client secret for the tools' client: public, like everything of the development provider. */
export const DEV_TOOLS_SECRET = "hub-tools-development-secret";

export function devProviderSettings(config: HubConfig) {
  const oidc = config.identity.oidc!;
  const dev = config.identity.devProvider!;
  const demo = generateDemo(config.demo.anchor);
  const demand = demo.demands[0];
  const volunteer = demo.volunteers.find((v) => v.status === "APPOINTED")!;
  const platform = demo.platforms[0];
  const pages = ["dashboard", "graphiql", "me"].map(
    (page) => `${config.servers.publicUrl}/${page}`,
  );
  return {
    port: dev.port,
    host: config.servers.bindHost,
    issuer: oidc.issuer,
    audience: oidc.audience,
    resource: `urn:${oidc.audience}`,
    accessTokenTtl: 600,
    keys: null,
    clients: [
      { client_id: oidc.clientId, redirect_uris: pages, post_logout_redirect_uris: pages },
      { client_id: "hub-tools", client_secret: DEV_TOOLS_SECRET, claims: { role: "CITY_ADMIN" } },
    ],
    users: [
      { id: "city-admin", name: "市中小企业服务局 管理员", claims: { role: "CITY_ADMIN" } },
      { id: "dashboard-viewer", name: "市级看板 查看员", claims: { role: "DASHBOARD_VIEWER" } },
      {
        id: "nanshan-operator",
        name: "南山区企业服务中心 运营员",
        claims: { role: "DISTRICT_OPERATOR", district: "440305" },
      },
      {
        id: "platform-operator",
        name: `${platform.name} 运营员`,
        claims: { role: "PLATFORM_OPERATOR", platform: String(platform.id) },
      },
      { id: "publicity-editor", name: "市委宣传部 编辑", claims: { role: "PUBLICITY_EDITOR" } },
      {
        id: "enterprise",
        name: demand.enterpriseName,
        claims: { role: "ENTERPRISE", credit_code: demand.creditCode },
      },
      {
        id: "volunteer",
        name: `${volunteer.name}（专家志愿者）`,
        claims: { role: "VOLUNTEER", volunteer_id: String(volunteer.id) },
      },
      // Known to the provider without a hub role: an APPLICANT, who applies to the corps on /me.
      { id: "applicant", name: "申请加入的专家", claims: {} },
    ],
  };
}
