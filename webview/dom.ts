/**
 * The webview's only DOM helper: elements from tag, attributes and children. Text always goes
 * through `textContent` (never innerHTML): the strings come from the user's files.
 */
type Child = Node | string | null | undefined | false;

/** Creates `<tag attrs>children</tag>`; `class` and `data-*` are plain attributes. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return element;
}

/** A theme colour by its CSS variable (canvases cannot use var() directly). */
export function themeColor(variable: string, fallback: string): string {
  const value = getComputedStyle(document.body).getPropertyValue(variable).trim();
  return value || fallback;
}
