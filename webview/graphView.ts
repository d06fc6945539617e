/**
 * The graph view of the inspector: the model's dataflow graph as SVG, laid out once per
 * graph or collapse change, then zoomed and panned through one transform (wheel, drag,
 * + / - / arrows, Fit). Nodes are focusable (one tab stop; arrows follow the edges, Enter
 * selects), a click reveals the node's source, the layer under the editor's cursor is
 * highlighted, module groups collapse and expand, and the graph exports to SVG and PNG.
 */
import type { FromPanel, GraphView, PanelState } from '../src/protocol';
import type { GraphLayout, PlacedNode } from './graphLayout';
import type { ViewTransform } from './graphViewport';
import { el } from './dom';
import { initialCollapsed, moduleGroups } from './graphGroups';
import { requestLayout } from './graphLayoutClient';
import { GraphNavigator, isGraphKey } from './graphNavigation';
import { graphToSvg } from './graphSvg';
import { centreOn, fitTransform, panBy, transformText, wheelFactor, zoomAt, ZOOM_STEP } from './graphViewport';
import { exportGraphPng, exportColours } from './graphExport';
import { createGraphToolbar } from './graphToolbar';

const PAN_STEP = 60;
/** Below this scale node text is under 5 px high: unreadable, so not drawn. */
const FAR_SCALE = 0.4;
/** Room above the first node when a graph opens at 1:1. */
const GRAPH_TOP = 12;

export class GraphPanelView {
  readonly element: HTMLElement;
  private readonly canvas: HTMLElement;
  private readonly status: HTMLElement;
  private graph: GraphView | undefined;
  private signature = '';
  private collapsed = new Set<string>();
  private layout: GraphLayout | undefined;
  private navigator: GraphNavigator | undefined;
  private byId = new Map<string, PlacedNode>();
  private idOf: ReadonlyMap<string, string> = new Map();
  private transform: ViewTransform = { x: 0, y: 0, scale: 1 };
  private viewport: SVGGElement | undefined;
  private highlightedIndex: number | null = null;
  private focusedId: string | undefined;
  /** Set when the graph changed while the view was hidden: laid out when shown. */
  private stale = false;
  private visible = false;
  private drag: { x: number; y: number; moved: boolean } | undefined;
  private frame = 0;

  constructor(private readonly post: (message: FromPanel) => void) {
    this.status = el('span', { class: 'graph-status', role: 'status' });
    this.canvas = el('div', { class: 'graph-canvas', tabindex: 0, 'aria-label': 'Model graph: + and - zoom, arrows pan, F fits, 1 shows actual size' });
    const toolbar = createGraphToolbar(
      {
        fit: () => this.fit(),
        actualSize: () => this.actualSize(),
        zoom: (factor) => this.zoomCentre(factor),
        expandAll: () => this.setCollapsed(new Set()),
        collapseTop: () => this.setCollapsed(new Set([...moduleGroups(this.graph?.nodes ?? []).keys()].filter((path) => !path.includes('.')))),
        exportSvg: () => this.exportSvg(),
        exportPng: () => void this.exportPng(),
      },
      this.status,
    );
    this.element = el('section', { id: 'graph-view', 'aria-label': 'Graph view' }, toolbar, this.canvas);
    this.canvas.addEventListener('click', (event) => this.onClick(event));
    this.canvas.addEventListener('keydown', (event) => this.onKeyDown(event));
    this.canvas.addEventListener('wheel', (event) => this.onWheel(event), { passive: false });
    this.canvas.addEventListener('pointerdown', (event) => this.onPointerDown(event));
    this.canvas.addEventListener('pointermove', (event) => this.onPointerMove(event));
    // A drag's click must not select: the drag is forgotten at the click that ends it.
    this.canvas.addEventListener('pointerup', () => {
      if (!this.drag?.moved) this.drag = undefined;
    });
  }

  /** Shows the state's graph; lays it out again only when its nodes or shapes changed. */
  render(state: PanelState): void {
    this.highlightedIndex = state.highlighted;
    const graph = state.graph;
    const signature = graph ? graph.nodes.map((node) => `${node.id}\u0001${node.kind}\u0001${node.shape}\u0001${node.params ?? '?'}`).join('\u0000') : '';
    if (signature === this.signature) return this.highlight(state.highlighted);
    const ids = (view: GraphView | undefined): string => (view ? view.nodes.map((node) => node.id).join('\u0000') : '');
    // Another model (other node ids): its groups start folded as a fresh view would; an edit keeps the user's folding.
    if (ids(graph) !== ids(this.graph)) this.collapsed = graph ? initialCollapsed(graph.nodes) : new Set();
    this.graph = graph;
    this.signature = signature;
    this.layout = undefined;
    this.stale = true;
    if (this.visible) this.relayout(true);
  }

  /** Called by the view switcher. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible && this.stale) this.relayout(this.layout === undefined);
  }

  /** Marks the node of record `index` (or its collapsed group); centres it when it is off screen. */
  highlight(index: number | null): void {
    this.highlightedIndex = index;
    for (const node of this.canvas.querySelectorAll('.gnode.highlighted')) node.classList.remove('highlighted');
    const placed = this.placedOfRecord(index);
    if (!placed) return;
    this.nodeElement(placed.node.id)?.classList.add('highlighted');
    const rect = this.canvas.getBoundingClientRect();
    const left = placed.x * this.transform.scale + this.transform.x;
    const top = placed.y * this.transform.scale + this.transform.y;
    if (rect.width > 0 && (left < 0 || top < 0 || left > rect.width || top > rect.height)) {
      this.setTransform(centreOn(this.transform, placed.x + placed.width / 2, placed.y + placed.height / 2, rect.width, rect.height));
    }
  }

  private placedOfRecord(index: number | null): PlacedNode | undefined {
    if (index === null || !this.graph) return undefined;
    const node = this.graph.nodes.find((candidate) => candidate.index === index);
    return node ? this.byId.get(this.idOf.get(node.id) ?? node.id) : undefined;
  }

  private setCollapsed(collapsed: Set<string>): void {
    this.collapsed = collapsed;
    this.relayout(true);
  }

  /** Lays out in the layout worker; the current picture stays live (zoom, pan) until the new one arrives. */
  private relayout(fit: boolean): void {
    const graph = this.graph;
    this.stale = false;
    if (!graph || graph.nodes.length === 0) {
      this.canvas.replaceChildren(el('p', { class: 'message' }, 'No graph for this model.'));
      this.status.textContent = '';
      return;
    }
    this.status.textContent = `Laying out ${graph.nodes.length} nodes…`;
    requestLayout({ nodes: graph.nodes, collapsed: [...this.collapsed] }).then(
      (result) => {
        if (!result || this.graph !== graph) return;
        this.layout = result.layout;
        this.idOf = new Map(result.idOf);
        this.element.dataset.layoutMs = result.ms.toFixed(1);
        this.element.dataset.nodes = String(result.layout.nodes.length);
        this.draw(fit);
        const origin = graph.fromRecords ? ' · chained from the table (no dataflow from the front end)' : '';
        this.status.textContent = `${result.layout.nodes.length} of ${graph.nodes.length} nodes${origin}`;
      },
      (error: unknown) => {
        this.status.textContent = `The graph could not be laid out: ${error instanceof Error ? error.message : String(error)}`;
        this.post({ type: 'log', message: `graph layout failed: ${String(error)}` });
      },
    );
  }

  private draw(fit: boolean): void {
    const layout = this.layout;
    if (!layout) return;
    const parsed = new DOMParser().parseFromString(graphToSvg(layout), 'image/svg+xml').documentElement;
    const svg = document.importNode(parsed, true) as unknown as SVGSVGElement;
    this.canvas.replaceChildren(svg);
    this.viewport = svg.querySelector<SVGGElement>('g.viewport') ?? undefined;
    this.byId = new Map(layout.nodes.map((placed) => [placed.node.id, placed]));
    this.navigator = new GraphNavigator(layout);
    const first = this.focusedId && this.byId.has(this.focusedId) ? this.focusedId : layout.nodes[0]?.node.id;
    if (first) this.nodeElement(first)?.setAttribute('tabindex', '0');
    if (fit) this.fit(true);
    else this.setTransform(this.transform);
    this.highlight(this.highlightedIndex);
  }

  private nodeElement(id: string): SVGGElement | null {
    return this.canvas.querySelector<SVGGElement>(`.gnode[data-id="${CSS.escape(id)}"]`);
  }

  private setTransform(transform: ViewTransform): void {
    this.transform = transform;
    // One attribute write per animation frame, whatever the event rate.
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.viewport?.setAttribute('transform', transformText(this.transform));
      // Text too small to read is not drawn: zooming a 1,000-node graph then repaints boxes and lines only.
      this.viewport?.parentElement?.classList.toggle('far', this.transform.scale < FAR_SCALE);
    });
  }

  /** The whole graph in view; a new graph too tall to read that way opens at 1:1 on its first node instead. */
  private fit(opening = false): void {
    const rect = this.canvas.getBoundingClientRect();
    const layout = this.layout;
    if (!layout) return;
    const whole = fitTransform(layout.width, layout.height, rect.width, rect.height);
    const first = layout.nodes[0];
    if (!opening || whole.scale >= FAR_SCALE || !first) return this.setTransform(whole);
    this.setTransform({ scale: 1, x: rect.width / 2 - (first.x + first.width / 2), y: GRAPH_TOP - first.y });
  }

  /** Scale 1 centred on the focused node, else the highlighted one, else the first. */
  private actualSize(): void {
    const rect = this.canvas.getBoundingClientRect();
    const placed = (this.focusedId !== undefined ? this.byId.get(this.focusedId) : undefined) ?? this.placedOfRecord(this.highlightedIndex) ?? this.layout?.nodes[0];
    if (placed) this.setTransform(centreOn({ ...this.transform, scale: 1 }, placed.x + placed.width / 2, placed.y + placed.height / 2, rect.width, rect.height));
  }

  private zoomCentre(factor: number): void {
    const rect = this.canvas.getBoundingClientRect();
    this.setTransform(zoomAt(this.transform, factor, rect.width / 2, rect.height / 2));
  }

  private focusNode(id: string): void {
    const next = this.nodeElement(id);
    if (!next) return;
    for (const node of this.canvas.querySelectorAll('.gnode[tabindex="0"], .gbox-title[tabindex="0"]')) node.setAttribute('tabindex', '-1');
    next.setAttribute('tabindex', '0');
    next.focus();
    this.focusedId = id;
    const placed = this.byId.get(id);
    if (placed?.node.index !== undefined && !placed.node.group) this.post({ type: 'selectLayer', index: placed.node.index });
    this.highlight(this.highlightedIndex);
  }

  /** Enter or click on a node: expands a group, otherwise reveals the node's source. */
  private activate(id: string): void {
    const placed = this.byId.get(id);
    if (!placed) return;
    if (placed.node.group) {
      this.focusedId = undefined;
      this.collapsed.delete(placed.node.group.path);
      this.relayout(false);
    } else if (placed.node.index !== undefined) {
      this.post({ type: 'selectLayer', index: placed.node.index });
      this.post({ type: 'revealLayer', index: placed.node.index });
    } else if (placed.node.id !== 'input') this.post({ type: 'revealGraphNode', id });
  }

  private collapse(path: string): void {
    this.collapsed.add(path);
    this.focusedId = `group:${path}`;
    this.relayout(false);
  }

  private onClick(event: MouseEvent): void {
    const dragged = this.drag?.moved === true;
    this.drag = undefined;
    if (dragged) return;
    const target = event.target as Element;
    const title = target.closest('.gbox-title');
    const group = title?.closest<SVGGElement>('.gbox')?.dataset.group;
    if (group !== undefined) return this.collapse(group);
    const id = target.closest<SVGGElement>('.gnode')?.dataset.id;
    if (id === undefined) return;
    this.focusNode(id);
    this.activate(id);
  }

  private onKeyDown(event: KeyboardEvent): void {
    const target = event.target as Element;
    const id = target.closest<SVGGElement>('.gnode')?.dataset.id;
    const group = target.closest('.gbox-title') ? target.closest<SVGGElement>('.gbox')?.dataset.group : undefined;
    let handled = true;
    if (event.key === '+' || event.key === '=') this.zoomCentre(ZOOM_STEP);
    else if (event.key === '-' || event.key === '_') this.zoomCentre(1 / ZOOM_STEP);
    else if (event.key === 'f' || event.key === 'F') this.fit();
    else if (event.key === '1') this.actualSize();
    else if ((event.key === 'Enter' || event.key === ' ') && group !== undefined) this.collapse(group);
    else if ((event.key === 'Enter' || event.key === ' ') && id !== undefined) this.activate(id);
    else if (id !== undefined && isGraphKey(event.key)) {
      const next = this.navigator?.move(id, event.key);
      if (next) this.focusNode(next);
    } else if (id === undefined && event.key.startsWith('Arrow')) {
      const dx = event.key === 'ArrowLeft' ? PAN_STEP : event.key === 'ArrowRight' ? -PAN_STEP : 0;
      const dy = event.key === 'ArrowUp' ? PAN_STEP : event.key === 'ArrowDown' ? -PAN_STEP : 0;
      this.setTransform(panBy(this.transform, dx, dy));
    } else if (id === undefined && event.key === 'Tab' && !event.shiftKey && target === this.canvas && this.layout) {
      // From the canvas, Tab enters the graph at its tab stop.
      const stop = this.canvas.querySelector<SVGGElement>('.gnode[tabindex="0"]');
      if (stop) stop.focus();
      else handled = false;
    } else handled = false;
    if (handled) event.preventDefault();
  }

  private onWheel(event: WheelEvent): void {
    event.preventDefault();
    const rect = this.canvas.getBoundingClientRect();
    this.setTransform(zoomAt(this.transform, wheelFactor(event.deltaY), event.clientX - rect.left, event.clientY - rect.top));
  }

  private onPointerDown(event: PointerEvent): void {
    if (event.button !== 0) return;
    this.drag = { x: event.clientX, y: event.clientY, moved: false };
  }

  private onPointerMove(event: PointerEvent): void {
    const drag = this.drag;
    if (!drag || (event.buttons & 1) === 0) return;
    const dx = event.clientX - drag.x;
    const dy = event.clientY - drag.y;
    if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
    if (!drag.moved) this.canvas.setPointerCapture(event.pointerId);
    this.drag = { x: event.clientX, y: event.clientY, moved: true };
    this.setTransform(panBy(this.transform, dx, dy));
  }

  private exportSvg(): void {
    if (this.layout) this.post({ type: 'exportSvg', svg: graphToSvg(this.layout, exportColours()) });
  }

  private async exportPng(): Promise<void> {
    if (this.layout) this.post({ type: 'exportPng', dataUrl: await exportGraphPng(this.layout) });
  }
}
