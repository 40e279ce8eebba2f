// The self-service page /me: signs in through the provider (browser/sign-in.ts), asks the gateway
// who that is (GET /auth/me), and shows the view of that role: a VOLUNTEER's record, an
// ENTERPRISE's demands, or, for someone signed in without a hub role, the application to join
// the corps. body[data-state] says where it is: signed-out, loading, ready or error.
import { loadAuthConfig, SignIn, type AuthConfig, type HubCaller } from "../../browser/sign-in";
import { PageError } from "./api";
import type { View, ViewContext } from "./context";
import { applicantView } from "./applicant";
import { label, ROLE } from "./labels";
import { enterpriseView } from "./enterprise";
import { volunteerView } from "./volunteer";

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const message = $<HTMLDivElement>("message");
const viewBox = $<HTMLDivElement>("view");

let auth: AuthConfig | null = null;
let signIn: SignIn | null = null;
/** A pasted development token and who it is (only when /auth/config allows pasting). */
let pasted: { token: string; caller: HubCaller } | null = null;
let view: View | null = null;

function say(text: string, kind: "error" | "info" = "error") {
  message.textContent = text;
  message.className = text ? kind : "";
  message.hidden = !text;
}

const context: ViewContext = {
  token: () => signIn?.current?.accessToken ?? pasted?.token ?? "",
  say,
  announce: (text) => ($("status").textContent = text),
  reload: (focusId) => load(focusId),
};

/** "已登录：黄国东（志愿者）": who is signed in, as the gateway names the role. */
const who = (name: string, caller: HubCaller) =>
  `已登录：${name}（${caller.role ? label(ROLE, caller.role) : "申请人"}）`;

/** Which view a caller gets; null (and why) for roles that have no records of their own here. */
function viewOf(caller: HubCaller): View | string {
  if (caller.role === "VOLUNTEER") return volunteerView;
  if (caller.role === "ENTERPRISE") return enterpriseView;
  if (!caller.role || caller.role === "APPLICANT") return applicantView;
  return `此页面供志愿者、企业和申请加入服务团的专家使用；当前角色（${caller.role}）没有个人记录，请使用市级看板或 GraphiQL。`;
}

async function load(focusId?: string) {
  if (!view) return;
  document.body.dataset.state = "loading";
  viewBox.setAttribute("aria-busy", "true");
  if (!viewBox.childElementCount) viewBox.replaceChildren(loadingNote());
  try {
    const nodes = await view(context);
    viewBox.replaceChildren(...nodes);
    document.body.dataset.state = "ready";
    if (focusId) document.getElementById(focusId)?.focus();
  } catch (error) {
    document.body.dataset.state = "error";
    const retry = document.createElement("button");
    retry.type = "button";
    retry.id = "retry";
    retry.textContent = "重试";
    retry.addEventListener("click", () => void load("main"));
    viewBox.replaceChildren(retry);
    say(error instanceof PageError ? error.message : "请求失败，请稍后重试。");
  } finally {
    viewBox.removeAttribute("aria-busy");
  }
}

function loadingNote() {
  const note = document.createElement("p");
  note.className = "loading";
  note.textContent = "正在加载……";
  return note;
}

/** Shows who is signed in (or the sign-in section) and that caller's view. */
function signedIn(caller: HubCaller | null, name: string, problem?: string) {
  $("signed-out").hidden = Boolean(caller);
  $("sign-out").hidden = !caller;
  const label = $("signed-in-as");
  label.hidden = !caller;
  label.textContent = caller ? name : "";
  document.body.dataset.role = caller?.role ?? "";
  say(problem ?? "");
  if (!caller) {
    view = null;
    viewBox.replaceChildren();
    document.body.dataset.state = problem ? "error" : "signed-out";
    return;
  }
  const next = viewOf(caller);
  if (typeof next === "string") {
    view = null;
    document.body.dataset.state = "ready";
    return say(next, "info");
  }
  const first = view !== next;
  view = next;
  // A refreshed token keeps what is shown; a new sign-in loads the view.
  if (first) void load();
}

/** A pasted development token: who the gateway says it is, then that view. */
async function usePastedToken(token: string) {
  const response = await fetch("/auth/me", { headers: { authorization: `Bearer ${token}` } });
  const body = (await response.json().catch(() => null)) as { caller?: HubCaller } | null;
  if (!response.ok || !body?.caller) {
    pasted = null;
    return signedIn(null, "", "令牌无效或已过期：请重新生成令牌。");
  }
  pasted = { token, caller: body.caller };
  signedIn(body.caller, who(body.caller.sub, body.caller));
}

async function init() {
  document.body.dataset.state = "loading";
  auth = await loadAuthConfig();
  if (!auth) {
    document.body.dataset.state = "error";
    return say("暂时无法获取登录方式：请稍后刷新页面重试。");
  }
  $("token-form").hidden = !auth.pasteToken;
  $("token-form").addEventListener("submit", (event) => {
    event.preventDefault();
    void usePastedToken($<HTMLInputElement>("token").value.trim());
  });
  $("sign-out").addEventListener("click", () => {
    pasted = null;
    if (signIn?.current) signIn.signOut();
    else signedIn(null, "");
  });
  if (!auth.signIn) return signedIn(null, "");
  signIn = new SignIn(auth.signIn, `${location.origin}/me`, (session, problem) =>
    signedIn(session?.caller ?? null, session ? who(session.name, session.caller) : "", problem),
  );
  const button = $("sign-in-button");
  button.hidden = false;
  button.addEventListener("click", () => void signIn!.start());
  if (!(await signIn.complete())) signedIn(null, "");
}

void init();
