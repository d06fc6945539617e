/**
 * The webview end of the inspector view: sets up each view VS Code resolves (scripts on,
 * resources only from `dist` and `media`, the CSP'd HTML), checks every incoming message
 * with `parseFromPanel` (the webview is untrusted input) and posts only while the view's
 * document is loaded: a hidden view is torn down and says `ready` again when shown, and
 * the panel replays its state then.
 */
import * as vscode from 'vscode';
import type { FromPanel, ToPanel } from '../protocol';
import { describeRejected, parseFromPanel } from '../protocol';
import { renderPanelHtml } from './html';

export class PanelWebview {
  private view: vscode.WebviewView | undefined;
  /** True from the webview's `ready` until it is hidden or disposed. */
  private ready = false;

  /** `onMessage` gets every valid message, `ready` included, after this end has noted it. */
  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly onMessage: (message: FromPanel) => Promise<void>,
  ) {}

  /** Sets up a view VS Code has resolved; it becomes the one messages go to. */
  resolve(view: vscode.WebviewView): void {
    this.view = view;
    this.ready = false;
    const webview = view.webview;
    webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
    webview.html = renderPanelHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'panel', 'panel.css')).toString(),
    });
    const subscriptions = [
      webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
      // A hidden view's document is gone; it says `ready` again when it is shown.
      view.onDidChangeVisibility(() => {
        if (!view.visible) this.ready = false;
      }),
    ];
    view.onDidDispose(() => {
      subscriptions.forEach((subscription) => subscription.dispose());
      if (this.view === view) this.view = undefined;
      this.ready = false;
    });
  }

  /** Sends a message if the webview is ready; otherwise it is dropped (the panel replays on `ready`). */
  post(message: ToPanel): void {
    if (this.view && this.ready) void this.view.webview.postMessage(message);
  }

  private receive(raw: unknown): void {
    const message = parseFromPanel(raw);
    if (!message) {
      console.warn(`[conv-inspector] panel: dropped ${describeRejected(raw)}`);
      return;
    }
    if (message.type === 'ready') this.ready = true;
    this.onMessage(message).catch((error: unknown) => console.error('[conv-inspector] panel: request failed', error));
  }
}
