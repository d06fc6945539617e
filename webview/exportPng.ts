/**
 * PNG of the current view, drawn on a canvas from the DOM's text and the detail canvases
 * (a webview cannot screenshot itself, and the CSP allows no libraries that would).
 */
import { themeColor } from './dom';

const LINE_HEIGHT = 16;
const PADDING = 8;

/** Text lines of a table: cells padded to their column's widest cell; spanning rows (totals) as one line. */
function tableLines(table: HTMLElement): string[] {
  const rows = [...table.querySelectorAll('tr')].map((row) => ({
    spanning: [...row.children].some((cell) => Number(cell.getAttribute('colspan') ?? 1) > 1),
    cells: [...row.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').replace(/[▲▼]/g, '').trim()),
  }));
  const widths: number[] = [];
  for (const row of rows)
    if (!row.spanning)
      row.cells.forEach((cell, i) => {
        widths[i] = Math.max(widths[i] ?? 0, cell.length);
      });
  return rows.map((row) => (row.spanning ? row.cells.filter(Boolean).join('  ') : row.cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ')));
}

/** Renders header, tables, detail text and pictures of `root` into one PNG data URL. */
export function renderViewToPng(root: HTMLElement): string {
  const lines: string[] = [];
  const header = root.querySelector('header');
  if (header) lines.push((header.querySelector('h1')?.textContent ?? '').trim(), '');
  const layers = root.querySelector<HTMLElement>('#layers');
  if (layers) lines.push(...tableLines(layers), '');
  const detail = root.querySelector('#detail');
  if (detail) {
    for (const item of detail.querySelectorAll('h2, li, figcaption')) lines.push((item.textContent ?? '').trim());
    lines.push('');
  }
  const variants = root.querySelector<HTMLTableElement>('#variants table');
  if (variants) lines.push((root.querySelector('#variants h2')?.textContent ?? '').trim(), ...tableLines(variants), '');
  const pictures = [...root.querySelectorAll<HTMLCanvasElement>('#detail canvas')];
  const font = `12px ${themeColor('--vscode-editor-font-family', 'monospace')}`;
  const measure = document.createElement('canvas').getContext('2d');
  if (!measure) throw new Error('canvas 2d context unavailable');
  measure.font = font;
  const textWidth = Math.max(200, ...lines.map((line) => measure.measureText(line).width));
  const picturesWidth = pictures.reduce((sum, canvas) => sum + canvas.width + PADDING, 0);
  const picturesHeight = Math.max(0, ...pictures.map((canvas) => canvas.height));
  const width = Math.ceil(Math.max(textWidth, picturesWidth) + 2 * PADDING);
  const height = Math.ceil(lines.length * LINE_HEIGHT + picturesHeight + 3 * PADDING);
  const canvas = document.createElement('canvas');
  canvas.width = Math.min(width, 16384);
  canvas.height = Math.min(height, 16384);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('canvas 2d context unavailable');
  context.fillStyle = themeColor('--vscode-editor-background', '#1e1e1e');
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = themeColor('--vscode-editor-foreground', '#cccccc');
  context.font = font;
  context.textBaseline = 'top';
  lines.forEach((line, i) => context.fillText(line, PADDING, PADDING + i * LINE_HEIGHT));
  let x = PADDING;
  const top = PADDING * 2 + lines.length * LINE_HEIGHT;
  for (const picture of pictures) {
    context.drawImage(picture, x, top);
    x += picture.width + PADDING;
  }
  return canvas.toDataURL('image/png');
}
