/**
 * Functional models (`tf.model`), and a model used as a layer of another (`encoder.apply(x)`,
 * a model added to a Sequential): one record, a black box whose counts are the inner model's
 * totals, as tfjs lists it in the outer model's `layers`. A model with several outputs gives
 * an array of tensors (`const [mean, logVar, z] = encoder.apply(x)`), one per output.
 */
import type { Node } from '@vscode/tree-sitter-wasm';
import type { EngineIssue, Shape } from '../../engine/types';
import { modelLayerRecord } from '../../engine/tf/layerGraph';
import type { JsModel, JsTensor, JsValue } from './jsValues';
import { jsArray } from './jsValues';
import type { TfjsSession } from './tfjsSession';
import { rangeOf } from './tsRanges';

/** `tf.model({inputs, outputs})`: its layers are the calls its outputs depend on, back to its inputs. */
export function functionalModel(session: TfjsSession, config: JsValue, site: Node): JsModel {
  const model = session.newModel(false, config, site);
  const props = typeof config === 'object' && config !== null && config.kind === 'object' ? config.props : new Map<string, JsValue>();
  model.value.inputs = tensorsOf(props.get('inputs'));
  model.value.outputs = tensorsOf(props.get('outputs'));
  model.inputSource = 'tf.input';
  if (model.value.outputs.length === 0) session.note(site, 'the outputs of this tf.model could not be followed');
  return model.value;
}

/** The tensors of an argument: a tensor, or an array of them (`model.apply(model.inputs)`). */
function tensorsOf(value: JsValue | undefined): JsTensor[] {
  if (typeof value !== 'object' || value === null) return [];
  if (value.kind === 'tensor') return [value];
  return value.kind === 'array' ? value.items.flatMap(tensorsOf) : [];
}

/** `model.apply(x)`: the record, and the output tensor (an array of them for several outputs). */
export function applyModel(session: TfjsSession, value: JsModel, inputValue: JsValue, site: Node): JsTensor | ReturnType<typeof jsArray> {
  const model = session.models[value.modelIndex];
  const inner = session.modelRecordIndices(model).map((i) => session.records[i].record);
  const inputs = tensorsOf(inputValue);
  const input = inputs[0] ?? null;
  const kind = value.sequential ? 'Sequential' : 'Model';
  const unknownInput: EngineIssue = { severity: 'info', code: 'tf.unknown-input', message: `input shape of ${model.name} is not known` };
  const record = modelLayerRecord({ path: model.name, kind, range: rangeOf(site), layerId: -1 - value.modelIndex }, inner, input?.shape ?? null, value.outputs[0]?.shape ?? null, [
    unknownInput,
  ]);
  // The outer call's batch with each of the model's outputs.
  const batch = input?.shape?.[0];
  const outputs = value.outputs.map((o): Shape | null => (batch !== undefined && o.shape ? [batch, ...o.shape.slice(1)] : null));
  const index = session.records.length;
  session.records.push({ record: outputs.length > 1 ? { ...record, outputs } : record, site });
  const ancestry = new Set<number>([index]);
  for (const tensor of inputs) for (const a of tensor.ancestry) ancestry.add(a);
  const tensor = (shape: Shape | null): JsTensor => ({ kind: 'tensor', shape, field: null, ancestry, ...(shape ? {} : { reason: `output of ${model.name} is not known` }) });
  const made = outputs.length > 1 ? outputs.map(tensor) : [tensor(record.output)];
  const call = { path: model.name, kind, args: {}, range: rangeOf(site), record: index };
  session.graph.nestedModel(call, value, inputs, made, outputs.length > 1 ? outputs : [record.output]);
  return outputs.length > 1 ? jsArray(made) : made[0];
}
