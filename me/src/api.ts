// The page's requests: the contract's self-service operations and the page's own
// (operations/me-page.graphql), each sent by its trusted document id only (the text stays in the
// hub's manifest), with the signed-in user's token. Every failure becomes a PageError whose
// message is the error table's sentence (browser/error-messages.ts).
import CORPS_IDS from "../../contract/corps.graphql?id";
import CONTRACT_IDS from "../../contract/self-service.graphql?id";
import PAGE_IDS from "../operations/me-page.graphql?id";
import { errorMessage } from "../../browser/error-messages";

const ENDPOINT = "/graphql";
const IDS: Record<string, string> = { Branches: CORPS_IDS.Branches, ...CONTRACT_IDS, ...PAGE_IDS };

export class PageError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

interface Answer<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

/** Sends the named operation by its id; its data, or a PageError saying what went wrong. */
export async function run<T>(
  token: string,
  operationName: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const documentId = IDS[operationName];
  if (!documentId) throw new PageError(`页面缺少操作 ${operationName}：请刷新页面`);
  let response: Response;
  try {
    response = await fetch(ENDPOINT, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ documentId, operationName, variables }),
    });
  } catch {
    throw new PageError("无法连接到服务：请检查网络，或稍后重试。");
  }
  const body = (await response.json().catch(() => null)) as Answer<T> | null;
  const error = body?.errors?.[0];
  if (error) {
    const code = error.extensions?.code;
    throw new PageError(errorMessage(code, error.message), code);
  }
  if (!response.ok || !body?.data)
    throw new PageError(`请求失败（HTTP ${response.status}），请稍后重试。`);
  return body.data;
}

/** Downloads a file of the hub (a certificate PDF) with the token, saved under `name`. */
export async function download(token: string, url: string, name: string) {
  let response: Response;
  try {
    response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  } catch {
    throw new PageError("无法连接到服务：请检查网络，或稍后重试。");
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as Answer<unknown> | null;
    const error = body?.errors?.[0];
    throw new PageError(
      error
        ? errorMessage(error.extensions?.code, error.message)
        : `下载失败（HTTP ${response.status}）`,
      error?.extensions?.code,
    );
  }
  const blob = await response.blob();
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}
