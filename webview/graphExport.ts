/**
 * The graph view's exports: the theme's colours resolved for a standalone SVG, and a PNG
 * drawn from that SVG (an image from a data: URL, which the CSP allows, onto a canvas).
 */
import type { GraphLayout } from './graphLayout';
import type { ExportColours } from './graphSvg';
import { graphToSvg } from './graphSvg';
import { themeColor } from './dom';

/** Canvas side limit of Chromium; a taller graph is scaled down to fit. */
const MAX_CANVAS_SIDE = 16384;

/** The current theme's colours for an exported file (which cannot read `--vscode-*` variables). */
export function exportColours(): ExportColours {
  return {
    background: themeColor('--vscode-editor-background', '#1e1e1e'),
    foreground: themeColor('--vscode-editor-foreground', '#cccccc'),
    nodeBackground: themeColor('--vscode-editorWidget-background', '#252526'),
    border: themeColor('--vscode-editorWidget-border', '#454545'),
    edge: themeColor('--vscode-descriptionForeground', '#999999'),
    muted: themeColor('--vscode-descriptionForeground', '#999999'),
    fontFamily: themeColor('--vscode-editor-font-family', 'monospace'),
  };
}

/** The graph as a PNG data URL, at twice the layout's scale where the canvas allows. */
export async function exportGraphPng(layout: GraphLayout): Promise<string> {
  const svg = graphToSvg(layout, exportColours());
  const image = new Image();
  const loaded = new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new Error('the graph SVG did not load as an image'));
  });
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await loaded;
  const scale = Math.min(2, MAX_CANVAS_SIDE / Math.max(1, layout.width), MAX_CANVAS_SIDE / Math.max(1, layout.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.floor(layout.width * scale));
  canvas.height = Math.max(1, Math.floor(layout.height * scale));
  const context = canvas.getContext('2d');
  if (!context) throw new Error('canvas 2d context unavailable');
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return canvas.toDataURL('image/png');
}
