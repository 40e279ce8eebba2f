// The hub's GraphQL IDE: GraphiQL with its explorer plugin and the contract's examples, plus a
// token bar, bundled at build time (npm run build) so that it works on a network without internet.
import { explorerPlugin } from "@graphiql/plugin-explorer";
import { GraphiQL } from "graphiql";
import { useEffect, useMemo, useState } from "react";
import { createRoot } from "react-dom/client";
import "graphiql/graphiql.css";
import "@graphiql/plugin-explorer/dist/style.css";
import "./style.css";
import { examplesPlugin } from "./examples-plugin";
import { hubFetcher } from "./fetcher";
import { cleanToken, describeToken, savedToken, saveToken } from "./token";
import {
  describeSession,
  loadAuthConfig,
  SignIn,
  type AuthConfig,
  type Session,
} from "../../browser/sign-in";

const WELCOME = `# 深圳市中小企业志愿服务枢纽 · GraphQL
# SME volunteer-service hub · GraphQL
#
# 左侧「示例 Examples」按客户端列出常用操作；「Docs」查看接口文档。
# "Examples" on the left lists the operations per client; "Docs" shows the schema.
# 需要登录的操作：点击上方「登录」（开发环境也可粘贴 npm run token 生成的令牌）。
# Operations that need a role: sign in above (in development, or paste a token from npm run token).

query PublishedStories {
  caseStories(first: 5) {
    totalCount
    nodes { id title publishedAt district { name } }
  }
}
`;

interface BarProps {
  token: string;
  onChange: (token: string) => void;
  auth: AuthConfig | null;
  session: Session | null;
  problem: string;
  signIn: SignIn | null;
}

function TokenBar({ token, onChange, auth, session, problem, signIn }: BarProps) {
  const [draft, setDraft] = useState(token);
  const paste = auth?.pasteToken !== false;
  const label = describeToken(paste ? token : "");
  const state = session
    ? `已登录 signed in: ${describeSession(session)}`
    : problem || `${label.zh} · ${label.en}`;
  return (
    <form
      className="hub-token"
      onSubmit={(event) => {
        event.preventDefault();
        onChange(cleanToken(draft));
      }}
    >
      <strong className="hub-title">枢纽 GraphQL · Hub</strong>
      {signIn &&
        (session ? (
          <button id="hub-sign-out" type="button" onClick={() => signIn.signOut()}>
            退出 Sign out
          </button>
        ) : (
          <button id="hub-sign-in" type="button" onClick={() => void signIn.start()}>
            登录 Sign in
          </button>
        ))}
      {paste && !session && (
        <>
          <label htmlFor="hub-token">令牌 Token</label>
          <input
            id="hub-token"
            type="password"
            autoComplete="off"
            spellCheck={false}
            placeholder="粘贴 npm run token 生成的令牌 / paste the token npm run token printed"
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
          />
          <button type="submit">使用 Use</button>
          <button
            type="button"
            onClick={() => {
              setDraft("");
              onChange("");
            }}
          >
            清除 Clear
          </button>
        </>
      )}
      <span
        id="hub-token-state"
        className="hub-token-state"
        data-signed-in={session || (paste && token) ? "1" : "0"}
        data-role={session?.caller.role ?? ""}
      >
        {state}
      </span>
    </form>
  );
}

/** How this hub signs in (/auth/config), and the session once back from the provider. */
function useSignIn() {
  const [auth, setAuth] = useState<AuthConfig | null>(null);
  const [session, setSession] = useState<Session | null>(null);
  const [problem, setProblem] = useState("");
  const [signIn, setSignIn] = useState<SignIn | null>(null);
  useEffect(() => {
    void loadAuthConfig().then(async (config) => {
      setAuth(config);
      if (!config?.signIn) return;
      const flow = new SignIn(config.signIn, `${location.origin}/graphiql`, (next, why) => {
        setSession(next);
        setProblem(why ?? "");
      });
      setSignIn(flow);
      await flow.complete();
    });
  }, []);
  return { auth, session, problem, signIn };
}

function HubIde() {
  const [token, setToken] = useState(savedToken);
  const { auth, session, problem, signIn } = useSignIn();
  // GraphiQL keeps one fetcher; it reads the current token at each request: the signed-in
  // user's, else a pasted one where pasting is allowed.
  const tokenRef = useMemo(() => ({ current: token }), []);
  tokenRef.current = session?.accessToken ?? (auth?.pasteToken === false ? "" : token);
  const fetcher = useMemo(() => hubFetcher(() => tokenRef.current), [tokenRef]);
  const plugins = useMemo(() => [examplesPlugin, explorerPlugin({ showAttribution: false })], []);
  return (
    <div className="hub-ide">
      <TokenBar
        token={token}
        onChange={(next) => {
          saveToken(next);
          setToken(next);
        }}
        auth={auth}
        session={session}
        problem={problem}
        signIn={signIn}
      />
      <div className="hub-graphiql">
        <GraphiQL
          fetcher={fetcher}
          plugins={plugins}
          visiblePlugin={examplesPlugin}
          defaultQuery={WELCOME}
          defaultEditorToolsVisibility="variables"
          shouldPersistHeaders={false}
        />
      </div>
    </div>
  );
}

createRoot(document.getElementById("root")!).render(<HubIde />);
