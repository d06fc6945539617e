/**
 * Canvas pictures of the layer detail: the receptive-field coverage grid (holes show the
 * gridding effect), the transposed-conv scatter with overlap counts, and the group wiring.
 * Colours come from the theme's variables so light, dark and high contrast all read.
 */
import type { GridPicture, GroupWiring } from '../src/protocol';
import { themeColor } from './dom';

const MAX_CANVAS_WIDTH = 480;
/** Above this many channels the wiring shows group blocks instead of one line per channel. */
const MAX_DRAWN_CHANNELS = 64;

function canvasFor(width: number, height: number, label: string): [HTMLCanvasElement, CanvasRenderingContext2D] {
  const canvas = document.createElement('canvas');
  const scale = window.devicePixelRatio || 1;
  canvas.width = Math.ceil(width * scale);
  canvas.height = Math.ceil(height * scale);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', label);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('canvas 2d context unavailable');
  context.scale(scale, scale);
  return [canvas, context];
}

function cellSize(picture: GridPicture, minimum: number): number {
  return Math.max(minimum, Math.min(24, Math.floor(MAX_CANVAS_WIDTH / Math.max(picture.width, 1))));
}

/** Reached input cells filled, holes left empty with a border: the gridding pattern is visible at a glance. */
export function drawCoverage(picture: GridPicture): HTMLCanvasElement {
  const cell = cellSize(picture, 2);
  const [canvas, context] = canvasFor(picture.width * cell, picture.height * cell, picture.caption);
  const reached = themeColor('--vscode-charts-blue', '#3794ff');
  const grid = themeColor('--vscode-panel-border', '#80808059');
  for (let y = 0; y < picture.height; y += 1) {
    for (let x = 0; x < picture.width; x += 1) {
      if (picture.values[y * picture.width + x]) {
        context.fillStyle = reached;
        context.fillRect(x * cell, y * cell, cell, cell);
      }
      if (cell >= 6) {
        context.strokeStyle = grid;
        context.strokeRect(x * cell + 0.5, y * cell + 0.5, cell - 1, cell - 1);
      }
    }
  }
  canvas.dataset.reached = String(picture.values.reduce((sum, value) => sum + (value ? 1 : 0), 0));
  return canvas;
}

/** Output cells shaded by how many kernel copies land on them, each with its count. */
export function drawScatter(picture: GridPicture): HTMLCanvasElement {
  const cell = cellSize(picture, 14);
  const [canvas, context] = canvasFor(picture.width * cell, picture.height * cell, picture.caption);
  const fill = themeColor('--vscode-charts-orange', '#d18616');
  const text = themeColor('--vscode-editor-foreground', '#cccccc');
  const grid = themeColor('--vscode-panel-border', '#80808059');
  const highest = Math.max(1, ...picture.values);
  context.font = `${Math.max(8, Math.floor(cell * 0.5))}px ${themeColor('--vscode-editor-font-family', 'monospace')}`;
  context.textAlign = 'center';
  context.textBaseline = 'middle';
  for (let y = 0; y < picture.height; y += 1) {
    for (let x = 0; x < picture.width; x += 1) {
      const count = picture.values[y * picture.width + x];
      context.globalAlpha = count === 0 ? 0 : 0.2 + 0.8 * (count / highest);
      context.fillStyle = fill;
      context.fillRect(x * cell, y * cell, cell, cell);
      context.globalAlpha = 1;
      context.strokeStyle = grid;
      context.strokeRect(x * cell + 0.5, y * cell + 0.5, cell - 1, cell - 1);
      context.fillStyle = text;
      context.fillText(String(count), x * cell + cell / 2, y * cell + cell / 2);
    }
  }
  return canvas;
}

const GROUP_COLORS = ['--vscode-charts-blue', '--vscode-charts-green', '--vscode-charts-orange', '--vscode-charts-purple', '--vscode-charts-red', '--vscode-charts-yellow'];

/** Input channels on the left, output channels on the right, one colour per group: each output only sees its group's inputs. */
export function drawWiring(wiring: GroupWiring): HTMLCanvasElement {
  const drawChannels = wiring.inChannels <= MAX_DRAWN_CHANNELS && wiring.outChannels <= MAX_DRAWN_CHANNELS;
  const rows = drawChannels ? Math.max(wiring.inChannels, wiring.outChannels) : wiring.groups;
  const rowHeight = Math.max(4, Math.min(14, Math.floor(360 / Math.max(rows, 1))));
  const width = 320;
  const height = rows * rowHeight + 8;
  const label = `${wiring.inChannels} input channels in ${wiring.groups} groups to ${wiring.outChannels} output channels`;
  const [canvas, context] = canvasFor(width, height, label);
  const foreground = themeColor('--vscode-editor-foreground', '#cccccc');
  const inPerGroup = wiring.inChannels / wiring.groups;
  const outPerGroup = wiring.outChannels / wiring.groups;
  const y = (index: number, count: number): number => 4 + (index + 0.5) * ((rows * rowHeight) / count);
  for (let group = 0; group < wiring.groups; group += 1) {
    context.strokeStyle = themeColor(GROUP_COLORS[group % GROUP_COLORS.length], foreground);
    context.fillStyle = context.strokeStyle;
    context.lineWidth = 1;
    if (drawChannels) {
      for (let i = 0; i < inPerGroup; i += 1) {
        for (let o = 0; o < outPerGroup; o += 1) {
          context.beginPath();
          context.moveTo(40, y(group * inPerGroup + i, wiring.inChannels));
          context.lineTo(width - 40, y(group * outPerGroup + o, wiring.outChannels));
          context.stroke();
        }
      }
    } else {
      // Too many channels to draw one by one: one band per group.
      context.globalAlpha = 0.5;
      context.beginPath();
      context.moveTo(40, y(group, wiring.groups) - rowHeight / 3);
      context.lineTo(width - 40, y(group, wiring.groups) - rowHeight / 3);
      context.lineTo(width - 40, y(group, wiring.groups) + rowHeight / 3);
      context.lineTo(40, y(group, wiring.groups) + rowHeight / 3);
      context.fill();
      context.globalAlpha = 1;
    }
  }
  context.fillStyle = foreground;
  context.font = `10px ${themeColor('--vscode-font-family', 'sans-serif')}`;
  context.fillText(`in ${wiring.inChannels}`, 2, 10);
  context.fillText(`out ${wiring.outChannels}`, width - 38, 10);
  return canvas;
}
