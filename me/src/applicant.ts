// Someone signed in through the provider without a hub role yet: the status of its application to
// join the corps (公开招募), or the form to apply.
import type { ViewContext } from "./context";
import { h, section } from "./dom";

export async function applicantView(_context: ViewContext): Promise<Node[]> {
  return [section("application", "申请加入专家志愿服务团", h("p", {}, "您尚未加入服务团。"))];
}
