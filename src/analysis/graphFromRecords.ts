/**
 * A dataflow graph for a model whose front end did not build one: the model input, then its
 * layer records chained in execution order. It is what the records can promise and no more:
 * where a record says forward() changed the tensor before it with code that has no record,
 * the node says so in its note instead of pretending the edge is the whole story.
 */
import type { GraphNode, ModelGraph } from '../engine/graph/modelGraph';
import type { ModelReport } from '../engine/report';

/** Note of a chained record whose input went through code without a record. */
export const UNRECORDED_INPUT_NOTE = 'forward() changes the tensor before this layer with code that has no layer record';

/**
 * The model's graph: the front end's own when it built one, otherwise a chain of the
 * records (`graphFromRecords`). Every surface that draws or walks a graph asks here.
 */
export function modelGraphOf(report: ModelReport): ModelGraph {
  return report.graph ?? graphFromRecords(report);
}

/**
 * The input node and one layer node per record, each reading the one before. Ids follow the
 * graph's convention: the record's path, `#2`, `#3`, ... for later calls of a shared layer.
 * Records do not say their layout; the caller may (nothing that draws the chain reads it).
 */
export function graphFromRecords(report: ModelReport, layout: ModelGraph['layout'] = 'channels-first'): ModelGraph {
  const nodes: GraphNode[] = [{ id: 'input', origin: 'input', kind: 'input', inputs: [], args: {}, output: report.input, range: null }];
  const calls = new Map<string, number>();
  let previous = 'input';
  report.layers.forEach((record, recordIndex) => {
    const call = (calls.get(record.path) ?? 0) + 1;
    calls.set(record.path, call);
    const id = call === 1 ? record.path : `${record.path}#${call}`;
    nodes.push({
      id,
      origin: 'layer',
      kind: record.kind,
      inputs: [{ node: previous }],
      args: record.args,
      output: record.output,
      ...(record.outputs ? { outputs: record.outputs } : {}),
      range: record.range,
      recordIndex,
      ...(record.inputFromPrevious === false ? { note: UNRECORDED_INPUT_NOTE } : {}),
    });
    previous = id;
  });
  return { layout, nodes, outputs: report.layers.length > 0 ? [{ node: previous }] : [] };
}
