// Building the page's elements: text always goes in as text (never as HTML).
type Child = Node | string | number | null | undefined | false;
type Attributes = Record<string, string | number | boolean | undefined>;

/** `h("li", { class: "x" }, "text", child)`: an element with attributes and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/** A section with its heading (h2), labelled by it for screen readers. */
export function section(id: string, title: string, ...children: Child[]) {
  return h(
    "section",
    { id, "aria-labelledby": `${id}-title` },
    h("h2", { id: `${id}-title`, tabindex: -1 }, title),
    ...children,
  );
}

/** A number as people read it here: 1,234.5 (at most two decimals). */
export const formatNumber = (value: number) =>
  value.toLocaleString("zh-CN", { maximumFractionDigits: 2 });

/** An ISO time as a Shenzhen date and minute: 2026-03-05 14:30. */
export function formatTime(iso: string) {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const shenzhen = new Date(at.getTime() + 8 * 3600_000).toISOString();
  return `${shenzhen.slice(0, 10)} ${shenzhen.slice(11, 16)}`;
}
