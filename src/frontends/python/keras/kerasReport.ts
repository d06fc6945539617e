/**
 * The Keras side of a Python file's report: builder functions the file only defines are
 * run (as Keras examples are used), then one ModelReport per Keras model (a functional
 * model's records are the layer calls its outputs depend on) and one for layer calls
 * outside any model. Shapes are channels-last (unless `data_format` says otherwise) with
 * batch 1 standing for Keras's `None`.
 */
import type { ModelReport } from '../../../engine/report';
import type { GraphModelSummary } from '../../../engine/tf/graphReports';
import { layerGraphReports } from '../../../engine/tf/graphReports';
import { callFunction } from '../core/calls';
import type { AnalysisContext } from '../core/context';
import type { KerasModel, KerasSession } from './kerasSession';
import type { Scope } from '../core/scope';
import type { PyNode } from '../core/syntax';
import { field, isImportedNode } from '../core/syntax';
import type { PyFunction } from '../core/values';
import { isObject } from '../core/values';
import { buildUncalledKerasModels } from './kerasSubclass';
import { directiveInput } from '../core/inputDirective';

/** Names of functions that build a model (`build_model`, `create_unet`, `make_encoder`, `get_model`). */
const builderName = /^(build|create|make|get_model)/;

/**
 * Runs the module-level builder functions no code called, in source order, with their
 * defaults, so that the models they build are seen (Keras layer names follow this order).
 * `alreadyRun`: the functions the analysis ran as entry points (nothing names them).
 */
export function runKerasBuilders(
  context: AnalysisContext,
  globals: Scope,
  session: KerasSession,
  alreadyRun: ReadonlySet<PyFunction>,
  guard: (node: PyNode, run: () => void) => void,
): void {
  const called = (fn: PyFunction): boolean => alreadyRun.has(fn) || session.layers.some((layer) => layer.site.start >= fn.node.start && layer.site.end <= fn.node.end);
  const builders = [...globals.entries()]
    .map(([name, value]) => ({ name, value }))
    .filter(
      (entry): entry is { name: string; value: PyFunction } =>
        builderName.test(entry.name) &&
        isObject(entry.value) &&
        entry.value.kind === 'function' &&
        entry.value.node.range.start.line >= 0 &&
        // An imported builder is another file's: it runs where this file calls it.
        !isImportedNode(entry.value.node) &&
        callableWithoutArguments(entry.value),
    )
    .sort((a, b) => a.value.node.start - b.value.node.start);
  for (const { value } of builders) {
    if (called(value)) continue;
    context.resetBudget();
    guard(value.node, () => {
      callFunction(context, value, [], new Map(), value.node);
    });
  }
}

/** Python would refuse `builder()` when a parameter has no default; so does this. */
function callableWithoutArguments(fn: PyFunction): boolean {
  const parameters = field(fn.node, 'parameters')?.children ?? [];
  return parameters.every((parameter) => {
    if (parameter.type === 'identifier') return false;
    if (parameter.type === 'typed_parameter') {
      const inner = parameter.children[0];
      return inner?.type === 'list_splat_pattern' || inner?.type === 'dictionary_splat_pattern';
    }
    return true; // defaults, *args, **kwargs, separators
  });
}

/** The Keras models of the file, in the order they were created, then loose layer calls. */
export function kerasModelReports(context: AnalysisContext, session: KerasSession): ModelReport[] {
  buildUncalledKerasModels(context);
  const describe = (model: KerasModel, index: number): GraphModelSummary => {
    if (model.pending.length > 0 && model.outputs.length === 0) {
      const shape = directiveInput(context, model.site);
      if (shape) session.buildSequential(index, shape, 'directive', model.site);
    }
    if (model.pending.length > 0) session.flushSequential(index, model.site);
    const recordIndices = session.modelRecordIndices(model);
    return {
      name: model.name,
      range: model.site.range,
      inputSource: model.inputSource,
      recordIndices,
      input: model.inputs[0]?.shape ?? null,
      output: model.outputs[0]?.shape ?? null,
      ...(model.outputs.length > 0 ? { graph: session.graph.graph(model.inputs, model.outputs, recordIndices) } : {}),
    };
  };
  // Later calls of a model's layers (the model run again) are not a model of their own.
  const reports = layerGraphReports(session.records, session.models, describe, {
    name: '(Keras layers outside a model)',
    rangeOf: (site) => site.range,
    keepCallsOfModelLayers: false,
  });
  // A model with layers over open (None) sizes has unknown total MACs, not the known part's
  // sum; its counts are approximate only where a layer's are.
  return reports.map((report) =>
    report.layers.some((layer) => Number.isNaN(layer.macs)) ? { ...report, totalMacs: Number.NaN, exactCounts: report.layers.every((layer) => layer.exactCounts) } : report,
  );
}
