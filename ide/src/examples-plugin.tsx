// A GraphiQL plugin listing the contract's operations per client (district agency, corps,
// platforms, publicity, dashboard). Choosing one opens it in a new tab with sample variables taken
// from the demo data.
import { useEditorContext, type GraphiQLPlugin } from "@graphiql/react";
import { exampleGroups, type Example } from "./examples";

function ExampleList() {
  const editor = useEditorContext({ nonNull: true });
  const open = (example: Example) => {
    editor.addTab();
    // The new tab's editors exist once React has rendered it.
    setTimeout(() => {
      editor.updateActiveTabValues({
        query: example.query,
        variables: JSON.stringify(example.variables, null, 2),
      });
      editor.queryEditor?.setValue(example.query);
      editor.variableEditor?.setValue(JSON.stringify(example.variables, null, 2));
      // GraphiQL learns the operation's name from the editor 100 ms after a change: a Run before
      // then sent the previous tab's name, which the document does not have.
      editor.setOperationName(example.name);
    }, 0);
  };
  return (
    <div className="hub-examples">
      <div className="graphiql-doc-explorer-title">示例 Examples</div>
      <p className="hub-examples-note">
        客户端实际发送的操作，变量取自演示数据。变更操作会写入数据。
        <br />
        The operations our clients send, with variables from the demo data. Mutations write.
      </p>
      {exampleGroups().map((group) => (
        <section key={group.client} data-client={group.client}>
          <h3>{group.label}</h3>
          <ul>
            {group.examples.map((example) => (
              <li key={example.name}>
                <button
                  type="button"
                  className="hub-example"
                  data-example={example.name}
                  onClick={() => open(example)}
                >
                  {example.query.startsWith("mutation") ? "✎ " : ""}
                  {example.name}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function ExamplesIcon() {
  return (
    <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
      <path
        d="M4 5h16M4 12h16M4 19h10"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
        fill="none"
      />
    </svg>
  );
}

export const examplesPlugin: GraphiQLPlugin = {
  title: "示例 Examples",
  icon: ExamplesIcon,
  content: ExampleList,
};
