// Excel downloads from the hub's GET routes (/reports/*.xlsx, docs/excel.md), with the signed-in
// user's token in the Authorization header (never in the URL): fetched, then handed to the
// browser's own download as a file with the name the hub gave it.
export class DownloadError extends Error {}

const MESSAGES: Record<string, string> = {
  UNAUTHENTICATED: "令牌无效或已过期：请重新登录后再下载。",
  FORBIDDEN: "当前登录的角色无权下载该报表。",
  NOT_FOUND: "该月份尚未结报，没有可下载的报表。",
};

/** The file name from Content-Disposition (filename*=UTF-8'' first), else the fallback. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? "");
  if (star) return decodeURIComponent(star[1]);
  const plain = /filename="([^"]+)"/i.exec(disposition ?? "");
  return plain ? plain[1] : fallback;
}

async function refusal(response: Response): Promise<DownloadError> {
  const body = (await response.json().catch(() => null)) as {
    errors?: Array<{ message: string; extensions?: { code?: string; retryAfterSeconds?: number } }>;
  } | null;
  const error = body?.errors?.[0];
  const code = error?.extensions?.code ?? "";
  if (code === "SERVICE_UNAVAILABLE" || code === "RATE_LIMITED") {
    const seconds = error?.extensions?.retryAfterSeconds ?? response.headers.get("retry-after");
    return new DownloadError(`导出繁忙，请${seconds ? ` ${seconds} 秒后` : "稍后"}重试。`);
  }
  return new DownloadError(
    MESSAGES[code] ?? `下载失败：${error?.message ?? `HTTP ${response.status}`}`,
  );
}

export async function downloadXlsx(url: string, token: string, fallback: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  } catch {
    throw new DownloadError("无法连接到服务：请检查网络，或稍后重试。");
  }
  if (!response.ok) throw await refusal(response);
  const name = fileNameOf(response.headers.get("content-disposition"), fallback);
  const blob = await response.blob();
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  return name;
}
