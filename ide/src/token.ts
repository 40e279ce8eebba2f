// The bearer token the IDE sends, kept for this browser tab only (sessionStorage), and what a
// person can read from it without verifying it: role, district or platform, expiry. The hub
// verifies every token; this only labels it.

const KEY = "hub.graphiql.token";

export function savedToken(): string {
  return sessionStorage.getItem(KEY) ?? "";
}

export function saveToken(token: string) {
  if (token) sessionStorage.setItem(KEY, token);
  else sessionStorage.removeItem(KEY);
}

/** "Bearer xxx" and stray spaces are forgiven: the field takes what npm run token printed. */
export const cleanToken = (text: string) => text.trim().replace(/^Bearer\s+/i, "");

export interface TokenLabel {
  zh: string;
  en: string;
}

function payload(token: string): Record<string, unknown> | null {
  const part = token.split(".")[1];
  if (!part) return null;
  try {
    const json = atob(part.replace(/-/g, "+").replace(/_/g, "/"));
    const bytes = Uint8Array.from(json, (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** A claim as text: the hub's claims are strings; anything else is shown as JSON. */
const claimText = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

export function describeToken(token: string, now = Date.now()): TokenLabel {
  if (!token) return { zh: "匿名访问（仅公开数据）", en: "anonymous (public data only)" };
  const claims = payload(token);
  if (!claims) return { zh: "令牌格式不正确", en: "this is not a token" };
  const role = claimText(claims.role ?? "?");
  const scope = claims.district
    ? ` · ${claimText(claims.district)}`
    : claims.platform
      ? ` · platform ${claimText(claims.platform)}`
      : "";
  const exp = typeof claims.exp === "number" ? claims.exp * 1000 : null;
  if (exp !== null && exp <= now) return { zh: `${role}${scope} · 已过期`, en: "expired" };
  const minutes = exp === null ? null : Math.round((exp - now) / 60000);
  return {
    zh: `${role}${scope}${minutes === null ? "" : ` · ${minutes} 分钟后过期`}`,
    en: minutes === null ? "signed in" : `expires in ${minutes} min`,
  };
}
