/**
 * A small grid of the first channels of the layer under the cursor, added to the editor's
 * hover, only when maps of that file's current version were already computed (a hover never
 * starts a run, never waits for an analysis: hovers stay instant). VS Code merges this hover
 * with the layer's own; the grid is a Markdown image with a `data:` URI.
 */
import * as vscode from 'vscode';
import type { LayerRecord } from '../engine/report';
import type { FeatureMapService, FeatureMapSnapshot } from './featureMapService';
import { hoverGrid, type HoverGrid } from './hoverGrid';
import { pictureTensor } from '../engine/image/channelsFirst';
import type { FileAnalysis } from '../engine/report';

/** The newest finished analysis of a document without starting one (the cache's `peek`). */
export type PeekAnalysis = (uri: vscode.Uri) => FileAnalysis | undefined;

/** Grids already drawn, per run and layer: a second hover on the same layer costs nothing. */
const drawn = new WeakMap<FeatureMapSnapshot, Map<string, HoverGrid>>();

function gridOf(snapshot: FeatureMapSnapshot, record: LayerRecord): HoverGrid | undefined {
  const cached = drawn.get(snapshot)?.get(record.path);
  if (cached) return cached;
  const tensor = snapshot.outcome?.outputs.find((output) => output.key === record.path)?.tensor;
  if (!tensor) return undefined;
  const grid = hoverGrid(pictureTensor(tensor, snapshot.outcome?.layout));
  const layers = drawn.get(snapshot) ?? new Map<string, HoverGrid>();
  layers.set(record.path, grid);
  drawn.set(snapshot, layers);
  return grid;
}

export class FeatureMapHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly service: Pick<FeatureMapService, 'latest'>,
    private readonly peek: PeekAnalysis,
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const snapshot = this.service.latest(document.uri);
    // Maps of another version would show a layer that is not the one on screen.
    if (!snapshot?.outcome || snapshot.version !== document.version) return undefined;
    const model = this.peek(document.uri)?.models.find((candidate) => candidate.name === snapshot.modelName);
    const record = model?.layers.find((layer) =>
      new vscode.Range(layer.range.start.line, layer.range.start.column, layer.range.end.line, layer.range.end.column).contains(position),
    );
    const grid = record && gridOf(snapshot, record);
    if (!record || !grid) return undefined;
    const count = grid.channelsShown === grid.channelsTotal ? `${grid.channelsTotal} channels` : `first ${grid.channelsShown} of ${grid.channelsTotal} channels`;
    const markdown = new vscode.MarkdownString(`**Feature maps** of \`${record.path}\` · ${count}\n\n![feature maps of ${record.path}](${grid.dataUri})`);
    return new vscode.Hover(markdown);
  }
}

/** Registers the hover for the languages the editor features serve. */
export function registerFeatureMapHover(selector: vscode.DocumentSelector, service: Pick<FeatureMapService, 'latest'>, peek: PeekAnalysis): vscode.Disposable {
  return vscode.languages.registerHoverProvider(selector, new FeatureMapHoverProvider(service, peek));
}
