/**
 * The graph view as SVG text, one serialiser for the live view (classes styled by the
 * panel's theme variables, nodes focusable) and for the SVG/PNG export (a stylesheet of the
 * resolved theme colours inside the file, which must read the same outside VS Code). Every
 * string from the user's file is escaped here. Pure: unit-tested in node.
 */
import type { GraphLayout, PlacedNode } from './graphLayout';
import { LINE_HEIGHT } from './graphLayout';

/** The theme colours an exported file carries (resolved from the `--vscode-*` variables). */
export interface ExportColours {
  readonly background: string;
  readonly foreground: string;
  readonly nodeBackground: string;
  readonly border: string;
  readonly edge: string;
  readonly muted: string;
  readonly fontFamily: string;
}

const escapeXml = (text: string): string => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
const round = (value: number): string => String(Math.round(value * 10) / 10);

/** The node's category: a CSS class and the first word of its accessible name. */
export function nodeCategory(placed: PlacedNode): 'group' | 'layer' | 'input' | 'op' {
  if (placed.node.group) return 'group';
  if (placed.node.index !== undefined) return 'layer';
  return placed.node.id === 'input' || placed.node.id.startsWith('input:') ? 'input' : 'op';
}

/** What a screen reader says for a node: its text, plus what Enter does. */
export function nodeAriaLabel(placed: PlacedNode): string {
  const text = placed.lines.filter(Boolean).join(', ');
  if (placed.node.group) return `Group ${placed.node.group.path}, collapsed, ${text}. Enter expands it.`;
  return placed.node.note ? `${text}. ${placed.node.note}` : text;
}

function nodeSvg(placed: PlacedNode, interactive: boolean): string {
  const category = nodeCategory(placed);
  const attributes = interactive ? ` tabindex="-1" role="button" aria-label="${escapeXml(nodeAriaLabel(placed))}"` : '';
  const title = placed.node.note ? `<title>${escapeXml(placed.node.note)}</title>` : '';
  const text = placed.lines
    .map((line, i) => `<text x="${round(placed.x + 8)}" y="${round(placed.y + 4 + (i + 0.8) * LINE_HEIGHT)}" class="line${i}">${escapeXml(line)}</text>`)
    .join('');
  const noted = placed.node.note ? ' noted' : '';
  return `<g class="gnode ${category}${noted}" data-id="${escapeXml(placed.node.id)}"${attributes}>${title}<rect x="${round(placed.x)}" y="${round(placed.y)}" width="${round(placed.width)}" height="${round(placed.height)}" rx="3"/>${text}</g>`;
}

/** A theme value inside the exported stylesheet: nothing that could close a rule or the element. */
const cssValue = (value: string): string => value.replace(/[<>&{};]/g, '');

function exportStyle(theme: ExportColours): string {
  const colours = Object.fromEntries(Object.entries(theme).map(([key, value]) => [key, cssValue(value)])) as unknown as ExportColours;
  return (
    `<style>svg{background:${colours.background}}text{font:12px ${colours.fontFamily};fill:${colours.foreground}}` +
    `.gnode rect{fill:${colours.nodeBackground};stroke:${colours.border}}.gnode .line1,.gbox text{fill:${colours.muted}}` +
    `.gbox rect{fill:none;stroke:${colours.border};stroke-dasharray:4 3}.edges path{fill:none;stroke:${colours.edge}}` +
    `#arrow path{fill:${colours.edge}}</style>`
  );
}

/**
 * The whole graph: group boxes (behind), edges, then nodes, inside one `g.viewport` whose
 * transform is the only thing zoom and pan change. `colours` given: a standalone file for
 * export (no focus or ARIA attributes); absent: the live view's markup.
 */
export function graphToSvg(layout: GraphLayout, colours?: ExportColours): string {
  const interactive = colours === undefined;
  const width = round(Math.max(1, layout.width));
  const height = round(Math.max(1, layout.height));
  const size = interactive ? 'width="100%" height="100%"' : `width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"`;
  const boxes = layout.boxes
    .map((box) => {
      const toggle = interactive ? ` tabindex="-1" role="button" aria-expanded="true" aria-label="Group ${escapeXml(box.path)}, expanded. Enter collapses it."` : '';
      return `<g class="gbox" data-group="${escapeXml(box.path)}"><rect x="${round(box.x)}" y="${round(box.y)}" width="${round(box.width)}" height="${round(box.height)}" rx="4"/><text class="gbox-title" x="${round(box.x + 6)}" y="${round(box.y + LINE_HEIGHT - 3)}"${toggle}>${escapeXml(`${box.path} ▾`)}</text></g>`;
    })
    .join('');
  const edges = layout.edges
    .filter((edge) => edge.points.length > 1)
    // Each edge names its ends, so the drawing can be read back (tests, assistive tools).
    .map(
      (edge) =>
        `<path data-from="${escapeXml(edge.from)}" data-to="${escapeXml(edge.to)}" d="M${edge.points.map((p) => `${round(p.x)} ${round(p.y)}`).join('L')}" marker-end="url(#arrow)"/>`,
    )
    .join('');
  const nodes = layout.nodes.map((placed) => nodeSvg(placed, interactive)).join('');
  const marker = '<defs><marker id="arrow" viewBox="0 0 8 8" refX="8" refY="4" markerWidth="7" markerHeight="7" orient="auto"><path d="M0 0L8 4L0 8z"/></marker></defs>';
  const aria = interactive ? ' role="application" aria-roledescription="graph" aria-label="Model graph: arrow keys follow the edges, Enter selects"' : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" class="graph-svg" ${size}${aria}>${colours ? exportStyle(colours) : ''}${marker}<g class="viewport"><g class="boxes">${boxes}</g><g class="edges">${edges}</g><g class="nodes">${nodes}</g></g></svg>`;
}
