/**
 * The inspector webview's HTML, built in this one function: a strict CSP with a fresh nonce
 * per render, only our own bundle and stylesheet (webview URIs), no inline handlers, no
 * remote content. Pure (takes strings), so the CSP is unit-tested in node.
 */
export interface PanelHtmlInput {
  /** `webview.cspSource`: the origin our local resources are served from. */
  readonly cspSource: string;
  /** `webview.asWebviewUri(dist/webview.js)` as a string. */
  readonly scriptUri: string;
  /** `webview.asWebviewUri(media/panel/panel.css)` as a string. */
  readonly styleUri: string;
  /** Injectable for tests; a fresh random nonce otherwise. */
  readonly nonce?: string;
}

/**
 * 128 random bits, base64: unguessable per render, so only our script tag runs. Web Crypto,
 * not node:crypto, so the panel also works in the browser (web extension) host.
 */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

const escapeAttribute = (text: string): string => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The complete document of the panel. */
export function renderPanelHtml(input: PanelHtmlInput): string {
  const nonce = input.nonce ?? createNonce();
  const csp = [
    "default-src 'none'",
    `style-src ${input.cspSource}`,
    `script-src 'nonce-${nonce}'`,
    // The PNG export draws into a canvas and reads it back as a data: URL; nothing is loaded from it.
    `img-src ${input.cspSource} data:`,
    `font-src ${input.cspSource}`,
    // The graph view's layout worker starts from a blob of our own bundle's text (a webview cannot load a worker by URL).
    'worker-src blob:',
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(input.styleUri)}">
<title>Conv Inspector</title>
</head>
<body>
<main id="app" aria-live="polite"><p class="message">Loading…</p></main>
<script nonce="${escapeAttribute(nonce)}" src="${escapeAttribute(input.scriptUri)}"></script>
</body>
</html>`;
}
