/**
 * The model reports of a layer graph, for the Keras (Python) and TF.js (TypeScript)
 * sessions alike: one report per model, in the order the models were created, with the
 * records the session assigns to it, then the layer calls no model claimed, in a model of
 * their own. Each session says which records a model holds and where its sites are.
 */
import { modelTotals } from '../modelTotals';
import type { LayerRecord, ModelReport, SourceRange } from '../report';
import type { Shape } from '../types';
import type { ModelGraph } from '../graph/modelGraph';

/** One model as its session describes it for the report. */
export interface GraphModelSummary {
  readonly name: string;
  readonly range: SourceRange;
  /** Where the input shape came from (`directive`, `tf.input`, ...). */
  readonly inputSource: string;
  /** The model's records, as indices into the session's records. */
  readonly recordIndices: readonly number[];
  readonly input: Shape | null;
  /** The model's output; when absent, the output of its last record (null without records). */
  readonly output?: Shape | null;
  /** The model's dataflow graph, when the session could cut it out. */
  readonly graph?: ModelGraph;
}

/** How a session reports the layer calls outside every model. */
export interface LooseCalls<Site> {
  /** The name of their model (`(layers outside a model)`). */
  readonly name: string;
  readonly rangeOf: (site: Site) => SourceRange;
  /** False: a later call of a layer some model holds (the model run again) is left out. */
  readonly keepCallsOfModelLayers: boolean;
}

function modelReport(
  name: string,
  range: SourceRange,
  inputSource: string,
  records: readonly LayerRecord[],
  input: Shape | null,
  output: Shape | null,
  graph?: ModelGraph,
): ModelReport {
  return { name, range, input, inputSource, output, ...modelTotals(records), layers: records, ...(graph ? { graph } : {}) };
}

/**
 * The reports of a session's models and of its loose layer calls. `describe` is called
 * once per model, in order, so a session may finish building a model there first.
 */
export function layerGraphReports<Model, Site>(
  sessionRecords: readonly { readonly record: LayerRecord; readonly site: Site }[],
  models: readonly Model[],
  describe: (model: Model, index: number) => GraphModelSummary,
  loose: LooseCalls<Site>,
): ModelReport[] {
  const reports: ModelReport[] = [];
  const claimed = new Set<number>();
  // Indexed, not forEach: a model `describe` builds on the way is reported too.
  for (let index = 0; index < models.length; index++) {
    const summary = describe(models[index], index);
    summary.recordIndices.forEach((i) => claimed.add(i));
    const records = summary.recordIndices.map((i) => sessionRecords[i].record);
    const output = summary.output !== undefined ? summary.output : records.length > 0 ? records[records.length - 1].output : null;
    reports.push(modelReport(summary.name, summary.range, summary.inputSource, records, summary.input, output, summary.graph));
  }
  const modelLayers = loose.keepCallsOfModelLayers ? new Set<number>() : new Set([...claimed].map((i) => sessionRecords[i].record.layerId));
  const unclaimed = sessionRecords.filter((r, i) => !claimed.has(i) && !modelLayers.has(r.record.layerId));
  if (unclaimed.length > 0) {
    const first = unclaimed[0];
    const records = unclaimed.map((r) => r.record);
    reports.push(modelReport(loose.name, loose.rangeOf(first.site), 'layer calls', records, first.record.input, records[records.length - 1].output));
  }
  return reports;
}
