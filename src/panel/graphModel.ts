/**
 * The graph view's data: the current model's dataflow graph (the front end's, or the records
 * chained when it built none) with every node's shape and parameters formatted by the host,
 * as the table's rows are. Pure, so it is unit-tested in node.
 */
import type { ModelReport } from '../engine/report';
import type { GraphNodeView, GraphView } from '../protocol';
import { modelGraphOf } from '../analysis/graphFromRecords';
import { formatShape } from '../analysis/format';
import { recordParams } from '../engine/modelTotals';

/** The view of a model's graph; layer nodes take their parameters from their record. */
export function buildGraphView(report: ModelReport): GraphView {
  const graph = modelGraphOf(report);
  const nodes = graph.nodes.map((node): GraphNodeView => {
    const record = node.recordIndex !== undefined ? report.layers[node.recordIndex] : undefined;
    const shapes = node.outputs && node.outputs.length > 1 ? node.outputs : [node.output];
    return {
      id: node.id,
      kind: node.kind,
      shape: shapes.map(formatShape).join(' | '),
      // A layer node without its record has unknown parameters; an op or the input has none.
      params: record ? recordParams(record) : node.origin === 'layer' ? null : 0,
      inputs: [...new Set(node.inputs.map((input) => input.node))],
      ...(record ? { index: node.recordIndex } : {}),
      ...(node.note ? { note: node.note } : {}),
    };
  });
  return { nodes, fromRecords: report.graph === undefined };
}
