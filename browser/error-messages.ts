// What a person reads on the hub's pages for each code of the one error table (runtime/errors.ts),
// in Chinese: a code added to the table does not compile here until it has its sentence. The
// server's own message (English, precise) follows in brackets where it says what to fix.
import type { ErrorCode } from "../runtime/errors";

export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  BAD_USER_INPUT: "填写的内容有误，请修改后再提交",
  UNAUTHENTICATED: "登录已失效，请重新登录",
  FORBIDDEN: "当前账号无权进行此操作",
  NOT_FOUND: "记录不存在，或您无权查看",
  CONFLICT: "记录的当前状态不允许此操作，请刷新后查看最新状态",
  SERVICE_UNAVAILABLE: "服务暂时不可用，未作任何修改，请稍后重试",
  OUTCOME_UNKNOWN: "提交结果未知：请刷新查看是否已生效，再决定是否重新提交",
  GRAPHQL_PARSE_FAILED: "页面请求有误：请刷新页面",
  GRAPHQL_VALIDATION_FAILED: "页面版本与服务不一致：请刷新页面",
  BAD_REQUEST: "请求格式有误：请刷新页面后重试",
  PAYLOAD_TOO_LARGE: "提交的内容过长，请精简后重试",
  RATE_LIMITED: "操作过于频繁，请稍候再试",
  REQUEST_TIMEOUT: "请求超时，请重试",
  HEADERS_TOO_LARGE: "请求头过大：请重新登录后重试",
  ROUTE_NOT_FOUND: "地址不存在",
  PERSISTED_QUERY_NOT_FOUND: "页面版本与服务不一致：请刷新页面",
  PERSISTED_QUERY_NOT_SUPPORTED: "页面版本与服务不一致：请刷新页面",
  TRUSTED_DOCUMENT_REQUIRED: "页面版本与服务不一致：请刷新页面",
  PERSISTED_DOCUMENT_NOT_FOUND: "页面版本与服务不一致：服务已更新，请刷新页面",
  OPERATION_RESOLUTION_FAILURE: "页面请求有误：请刷新页面",
  IDEMPOTENCY_KEY_IN_USE: "上一次提交仍在处理中，请稍候",
  IDEMPOTENCY_KEY_REUSED: "重复提交：请刷新页面后重试",
  INTERNAL_SERVER_ERROR: "服务出错，请稍后重试",
};

/** The codes whose server message says what to fix, shown after the sentence. */
const SAYS_WHAT_TO_FIX = new Set<string>(["BAD_USER_INPUT", "CONFLICT", "FORBIDDEN"]);

/** The sentence for an error answer's code and message (an unknown code: a generic one). */
export function errorMessage(code: string | undefined, message: string): string {
  const known = code && (ERROR_MESSAGES as Record<string, string>)[code];
  if (!known) return `请求失败：${message}`;
  return SAYS_WHAT_TO_FIX.has(code) && message ? `${known}（${message}）` : known;
}
