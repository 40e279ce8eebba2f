// The hub's GraphQL IDE: GraphiQL with its explorer plugin and the contract's examples, plus a
// token bar, bundled at build time (npm run build) so that it works on a network without internet.
import { explorerPlugin } from "@graphiql/plugin-explorer";
import { GraphiQL } from "graphiql";
import { useMemo, useState } from "react";
import { createRoot } from "react-dom/client";
import "graphiql/graphiql.css";
import "@graphiql/plugin-explorer/dist/style.css";
import "./style.css";
import { examplesPlugin } from "./examples-plugin";
import { hubFetcher } from "./fetcher";
import { cleanToken, describeToken, savedToken, saveToken } from "./token";

const WELCOME = `# 深圳市中小企业志愿服务枢纽 · GraphQL
# SME volunteer-service hub · GraphQL
#
# 左侧「示例 Examples」按客户端列出常用操作；「Docs」查看接口文档。
# "Examples" on the left lists the operations per client; "Docs" shows the schema.
# 需要登录的操作：在上方粘贴 npm run token 生成的令牌。
# Operations that need a role: paste a token from npm run token above.

query PublishedStories {
  caseStories(first: 5) {
    totalCount
    nodes { id title publishedAt district { name } }
  }
}
`;

function TokenBar({ token, onChange }: { token: string; onChange: (token: string) => void }) {
  const [draft, setDraft] = useState(token);
  const label = describeToken(token);
  return (
    <form
      className="hub-token"
      onSubmit={(event) => {
        event.preventDefault();
        onChange(cleanToken(draft));
      }}
    >
      <strong className="hub-title">枢纽 GraphQL · Hub</strong>
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
      <span id="hub-token-state" className="hub-token-state" data-signed-in={token ? "1" : "0"}>
        {label.zh} · {label.en}
      </span>
    </form>
  );
}

function HubIde() {
  const [token, setToken] = useState(savedToken);
  // GraphiQL keeps one fetcher; it reads the current token at each request.
  const tokenRef = useMemo(() => ({ current: token }), []);
  tokenRef.current = token;
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
