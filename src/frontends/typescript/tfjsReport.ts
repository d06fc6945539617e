/**
 * Turns a finished TF.js evaluation into the report: one ModelReport per `tf.sequential` /
 * `tf.model` (records of a functional model are the layer calls its outputs depend on),
 * layer calls outside any model in a model of their own, and diagnostics.
 */
import type { Node } from '@vscode/tree-sitter-wasm';
import type { Finding, ModelReport } from '../../engine/report';
import type { GraphModelSummary } from '../../engine/tf/graphReports';
import { layerGraphReports } from '../../engine/tf/graphReports';
import type { EngineIssue } from '../../engine/types';
import { snakeCaseKey } from '../../engine/tf/signatures';
import type { SessionModel, TfjsSession } from './tfjsSession';
import { rangeOf } from './tsRanges';

/** The models of the file, in the order they were created. */
export function buildModelReports(session: TfjsSession): ModelReport[] {
  const describe = (model: SessionModel): GraphModelSummary => {
    const recordIndices = session.modelRecordIndices(model);
    const { inputs, outputs } = model.value;
    return {
      name: model.name,
      range: rangeOf(model.site),
      inputSource: model.inputSource,
      recordIndices,
      input: inputs[0]?.shape ?? null,
      ...(outputs.length > 0 ? { output: outputs[0].shape, graph: session.graph.graph(inputs, outputs, recordIndices) } : {}),
    };
  };
  return layerGraphReports(session.records, session.models, describe, { name: '(layers outside a model)', rangeOf, keepCallsOfModelLayers: true });
}

/** The config entry an issue is about (`kernelSize: 7`), else the whole call. */
function issueSite(site: Node, issue: EngineIssue): Node {
  if (!issue.arg || site.type !== 'call_expression') return site;
  const config = site.childForFieldName('arguments')?.namedChildren[0];
  if (config?.type !== 'object') return site;
  for (const pair of config.namedChildren) {
    if (pair?.type !== 'pair') continue;
    const key = pair.childForFieldName('key')?.text.replace(/^['"]|['"]$/g, '') ?? '';
    if (snakeCaseKey(key) === issue.arg) return pair;
  }
  return site;
}

/** Diagnostics: the engine's issues at their layer calls, and what the evaluator could not follow. */
export function collectFindings(session: TfjsSession): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const add = (node: Node, issue: Pick<EngineIssue, 'severity' | 'code' | 'message'>): void => {
    const range = rangeOf(node);
    const key = `${range.start.line}:${range.start.column}:${issue.code}:${issue.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    findings.push({ range, severity: issue.severity, code: issue.code, message: issue.message });
  };
  const called = new Set<number>();
  for (const { record, site } of session.records) {
    called.add(record.layerId);
    for (const issue of record.issues) add(issueSite(site, issue), issue);
  }
  for (const layer of session.layers) {
    if (called.has(layer.layerId)) continue;
    for (const issue of layer.constructIssues) add(issueSite(layer.site, issue), issue);
  }
  for (const note of session.notes) add(note.site, { severity: 'info', code: 'tf.not-followed', message: note.message });
  return findings;
}
