/**
 * torch.nn modules in the interpreter: leaf layers built through the engine (arguments
 * bound by PyTorch's signatures), Sequential/ModuleList/ModuleDict, instances of the
 * user's nn.Module subclasses (`__init__` run on the instance, `forward` on tensors),
 * and the per-call records of leaf layers.
 */
import type { LayerRecord, SourceRange } from '../../../engine/report';
import type { ArgValue, EngineIssue } from '../../../engine/types';
import { griddingMessage } from '../../../engine/tensorField';
import type { TorchLayer } from '../../../engine/torch/layerResults';
import { constructTorchLayer, countParams } from '../../../engine/torch/layers';
import { torchSignature } from '../../../engine/torch/signatures';
import { applyLayer } from './applyLayer';
import type { LayerCallArgs } from './layerOutputs';
import { flatOutputs, layerCallValue, otherInputShapes } from './layerOutputs';
import { bindArguments } from '../core/binding';
import type { AnalysisContext, Recorder, TopLevelCall } from '../core/context';
import { callFunction, callValue, runInit } from '../core/calls';
import { findMethod } from '../core/attributes';
import type { PyNode } from '../core/syntax';
import { field, textOf } from '../core/syntax';
import { makeTensor } from '../core/tensorOps';
import { unmodelledLayer } from './unmodelledLayers';
import { floatSizeError, trueDivisionNote } from './floatSizes';
import { initLeafBase, leafBase } from './leafSubclass';
import { isTraining } from './moduleMethods';
import type { PyClass, PyContainer, PyInstance, PyLayer, PyTensor, Value } from '../core/values';
import { isModule, isObject, isTensor, moduleChildren, unknown } from '../core/values';
import { toArgValue } from '../core/valueConversions';
import { readsPreviousRecord } from '../core/provenance';
import { GraphRecorder } from '../core/graphRecorder';

const countCache = new WeakMap<TorchLayer, ReturnType<typeof countParams>>();
/** `Lazy*` layers as their first call built them (their parameters exist from then on). */
const materializedLayers = new WeakMap<TorchLayer, TorchLayer>();

/** A layer's parameter counts, computed once per layer object (a shared layer is called many times). */
export function layerCounts(layer: TorchLayer): ReturnType<typeof countParams> {
  const materialized = materializedLayers.get(layer);
  if (materialized) return layerCounts(materialized);
  let counts = countCache.get(layer);
  if (!counts) {
    counts = countParams(layer);
    countCache.set(layer, counts);
  }
  return counts;
}

/** torchinfo-style paths (`features.3`, `layer2.0.conv1`) by module id; the first path of a shared module wins. */
export function modulePaths(root: Value): Map<number, string> {
  const paths = new Map<number, string>();
  // A model that is a single layer is its own root: torchinfo and PyTorch name it ''.
  if (isObject(root) && root.kind === 'layer') paths.set(root.moduleId, '');
  const visit = (module: Value, prefix: string): void => {
    for (const [name, child] of moduleChildren(module)) {
      if (!isModule(child) || child.moduleId === null || paths.has(child.moduleId)) continue;
      const path = prefix ? `${prefix}.${name}` : name;
      paths.set(child.moduleId, path);
      visit(child, path);
    }
  };
  visit(root, '');
  return paths;
}

/** Every leaf layer in a module tree, once each. */
export function leafLayers(root: Value): PyLayer[] {
  const seen = new Set<number>();
  const leaves: PyLayer[] = [];
  const visit = (module: Value): void => {
    if (!isModule(module) || module.moduleId === null || seen.has(module.moduleId)) return;
    seen.add(module.moduleId);
    if (module.kind === 'layer') leaves.push(module);
    for (const [, child] of moduleChildren(module)) visit(child);
  };
  visit(root);
  return leaves;
}

/** The source range of the argument an engine issue is about, else of the whole call. */
function issueRange(context: AnalysisContext, site: PyNode, kind: string, arg: string | undefined): SourceRange {
  const argumentList = field(site, 'arguments');
  if (!arg || !argumentList) return site.range;
  for (const child of argumentList.children) {
    if (child.type === 'keyword_argument' && textOf(context.syntax, field(child, 'name')!) === arg) return child.range;
  }
  const index = torchSignature(kind)?.params.findIndex((param) => param.name === arg) ?? -1;
  const positional = argumentList.children.filter((child) => child.type !== 'keyword_argument');
  if (index >= 0 && index < positional.length && !positional.slice(0, index + 1).some((child) => child.type === 'list_splat')) {
    return positional[index].range;
  }
  return site.range;
}

function reportIssues(context: AnalysisContext, site: PyNode, kind: string, issues: readonly EngineIssue[]): void {
  for (const issue of issues) context.report(issueRange(context, site, kind, issue.arg), issue.severity, issue.code, issue.message);
}

/** The class whose `__init__` a torch.nn layer inherits, as Python names it in a TypeError. */
function initOwner(kind: string, paramCount: number): string {
  if (paramCount === 0) return 'Module';
  if (/^MaxPool\dd$/.test(kind)) return '_MaxPoolNd';
  if (/^Adaptive(Avg|Max)Pool\dd$/.test(kind)) return kind.replace(/\dd$/, 'Nd').replace(/^/, '_');
  if (/^BatchNorm\dd$/.test(kind)) return '_BatchNorm';
  if (/^(Dropout\dd|Dropout|AlphaDropout)$/.test(kind)) return '_DropoutNd';
  return kind;
}

/** `nn.Conv2d(...)` and friends: binds the arguments, validates through the engine. */
export function constructLayer(context: AnalysisContext, kind: string, args: Value[], kwargs: ReadonlyMap<string, Value>, site: PyNode): Value {
  context.executedSites.add(site);
  const signature = torchSignature(kind);
  if (!signature) return unmodelledLayer(context, kind, args, kwargs, site);
  const moduleId = context.newModuleId();
  const bound = signature.acceptsAnything ? { values: [] } : bindArguments(() => `${initOwner(kind, signature.params.length)}.__init__`, signature.params, args, kwargs);
  if (bound.error) {
    context.report(issueRange(context, site, kind, bound.errorArg), 'error', 'torch.type-error', bound.error);
    return { kind: 'layer', moduleId, layerKind: kind, layer: null, args: {}, site };
  }
  const floatSize = floatSizeError(kind, (name) => bound.values[signature.params.findIndex((param) => param.name === name)]);
  if (floatSize) {
    // PyTorch stops at the first layer a divided size reaches: the layers built from the same division stay unknown, with no error of their own.
    const { division } = floatSize.float;
    if (!division) context.report(site.range, 'error', 'torch.type-error', floatSize.message);
    else if (!context.failedDivisions.has(division.node)) {
      context.failedDivisions.add(division.node);
      context.report(site.range, 'error', 'torch.type-error', `${floatSize.message}\n${trueDivisionNote(division)}`);
    }
    return { kind: 'layer', moduleId, layerKind: kind, layer: null, args: {}, site };
  }
  const boundArgs: Record<string, ArgValue> = {};
  bound.values.forEach((value, index) => {
    boundArgs[signature.params[index].name] = toArgValue(value);
  });
  const { layer, issues } = constructTorchLayer(kind, boundArgs);
  reportIssues(context, site, kind, issues);
  return { kind: 'layer', moduleId, layerKind: kind, layer, args: boundArgs, site };
}

/** `nn.Sequential(...)`, `nn.ModuleList([...])`, `nn.ModuleDict({...})`. */
export function constructContainer(context: AnalysisContext, container: PyContainer['container'], args: Value[], site: PyNode): PyContainer {
  const children = new Map<string, Value>();
  fillContainer(context, container, children, args);
  return { kind: 'container', moduleId: context.newModuleId(), container, children, site };
}

/** Adds constructor arguments as children (positional, one OrderedDict/dict, or one iterable). */
export function fillContainer(context: AnalysisContext, container: string, children: Map<string, Value>, args: readonly Value[]): void {
  const first = args[0];
  if (args.length === 1 && isObject(first) && first.kind === 'dict') {
    for (const [key, value] of first.entries.values()) children.set(String(key), value);
    return;
  }
  if (container === 'Sequential') {
    args.forEach((value, index) => children.set(String(index), value));
    return;
  }
  if (first === undefined || first === null) return;
  const items = isObject(first) && (first.kind === 'list' || first.kind === 'tuple') ? first.items : undefined;
  if (items) items.forEach((value, index) => children.set(String(index), value));
  void context;
}

/** Instantiates a user class (an nn.Module subclass counted for model discovery): `__init__` runs on the new instance. */
export function instantiateModuleClass(context: AnalysisContext, cls: PyClass, args: Value[], kwargs: ReadonlyMap<string, Value>, site: PyNode): Value {
  const isModuleClass = cls.torchBase !== null;
  const instance: PyInstance = { kind: 'instance', cls, attrs: new Map(), moduleId: isModuleClass ? context.newModuleId() : null };
  if (isModuleClass) {
    const seen = context.instantiated.get(cls) ?? { standalone: false, nested: false };
    if (context.initDepth > 0) seen.nested = true;
    else {
      seen.standalone = true;
      if (!context.instancesByClass.has(cls)) context.instancesByClass.set(cls, instance);
    }
    context.instantiated.set(cls, seen);
  }
  if (isModuleClass) context.initDepth++;
  try {
    const ranInit = runInit(context, instance, args, kwargs, site);
    if (!ranInit && (cls.torchBase === 'Sequential' || cls.torchBase === 'ModuleList' || cls.torchBase === 'ModuleDict')) {
      fillContainer(context, cls.torchBase, instance.attrs, args);
    } else if (!ranInit && cls.torchBase === 'Module') {
      const leaf = leafBase(cls);
      if (leaf) initLeafBase(context, instance, leaf, args, kwargs, site);
    }
  } finally {
    if (isModuleClass) context.initDepth--;
  }
  return instance;
}

function reportGridding(context: AnalysisContext, layer: PyLayer, input: PyTensor | null, output: PyTensor, holes: readonly number[]): void {
  const inputField = input?.rf ? { rf: input.rf, coverage: input.coverage, dilations: input.dilations } : null;
  const outputField = { rf: output.rf!, coverage: output.coverage, dilations: output.dilations };
  context.report(layer.site.range, 'warning', 'gridding', griddingMessage(layer.args.kernel_size, inputField, outputField, holes));
}

/** One call of a layer: its first tensor argument, all its arguments and the call expression. */
interface LayerCall {
  readonly input: PyTensor | null;
  readonly args: LayerCallArgs;
  readonly site: PyNode;
}

/** What a call's record holds beyond who was called on what. */
type CallCounts = Pick<LayerRecord, 'outputs' | 'params' | 'trainableParams' | 'paramTensors' | 'macs' | 'exactCounts' | 'paramsUnknown' | 'macsUnknown' | 'issues'>;

/**
 * Records one call of `layer`, and its node in the call's graph (inputs: the producers of
 * its tensor arguments). The first call reads the model input; every later one must read
 * its predecessor's output unchanged to count as reading it (`inputFromPrevious`).
 */
function recordCall(recorder: Recorder, layer: PyLayer, call: LayerCall, output: PyTensor, value: Value, counts: CallCounts): void {
  const index = recorder.records.length;
  const input = call.input;
  recorder.calledLayers.set(layer.moduleId, layer);
  const inputFromPrevious = index === 0 || (input !== null && readsPreviousRecord(recorder.graph, input, index));
  const path = recorder.paths.get(layer.moduleId) ?? layer.layerKind;
  const tensors = call.args.args.filter(isTensor);
  const note = input === null ? { note: 'its input is not a tensor the analysis follows' } : {};
  recorder.graph?.add({ origin: 'layer', kind: layer.layerKind, inputs: tensors, args: layer.args, range: call.site.range, path, recordIndex: index, ...note }, value);
  recorder.records.push({
    inputFromPrevious,
    path,
    kind: layer.layerKind,
    range: layer.site.range,
    layerId: layer.moduleId,
    args: layer.args,
    input: input?.shape ?? null,
    output: output.shape,
    ...(counts.outputs ? { outputs: counts.outputs } : {}),
    params: counts.params,
    trainableParams: counts.trainableParams,
    paramTensors: counts.paramTensors,
    macs: counts.macs,
    exactCounts: counts.exactCounts,
    ...(counts.paramsUnknown ? { paramsUnknown: true } : {}),
    ...(counts.macsUnknown ? { macsUnknown: true } : {}),
    receptiveField: output.rf?.size ?? null,
    jump: output.rf?.jump ?? null,
    start: output.rf?.start ?? null,
    issues: counts.issues,
  });
}

function recordLayerCall(context: AnalysisContext, layer: PyLayer, call: LayerCall): Value {
  const input = call.input;
  if (!layer.layer) return recordPassThrough(context, layer, call);
  const application = input ? applyLayer(layer.layer, input, otherInputShapes(call.args.args)) : null;
  const output = application?.output ?? makeTensor(null);
  // BatchNorm's single-value check holds in training mode only (after `.eval()` PyTorch accepts the batch).
  const issues = application && !isTraining(layer) ? application.issues.filter((issue) => issue.code !== 'torch.batchnorm-single-value') : application?.issues;
  if (issues) reportIssues(context, layer.site, layer.layerKind, issues);
  if (application?.newHoles && output.coverage) reportGridding(context, layer, input, output, application.newHoles);
  if (application?.materialized && !materializedLayers.has(layer.layer)) materializedLayers.set(layer.layer, application.materialized);
  const value = layerCallValue(layer.layerKind, output, application?.outputs, call.args);
  if (context.recorder) {
    const counts = layerCounts(layer.layer);
    const outputs = flatOutputs(application?.outputs);
    recordCall(context.recorder, layer, call, output, value, {
      ...(outputs ? { outputs } : {}),
      params: counts.total.value,
      trainableParams: counts.trainable.value,
      paramTensors: (materializedLayers.get(layer.layer) ?? layer.layer).params,
      macs: application?.macs.value ?? 0,
      exactCounts: counts.total.exact && (application?.macs.exact ?? false),
      paramsUnknown: counts.total.unknown === true,
      macsUnknown: !application || application.macs.unknown === true,
      issues: application?.issues ?? [],
    });
  }
  return value;
}

function recordPassThrough(context: AnalysisContext, layer: PyLayer, call: LayerCall): PyTensor {
  const passThrough = layer.passThrough;
  const input = call.input;
  const output = makeTensor(passThrough && input?.shape ? passThrough.apply(input.shape) : null, input ? [input] : []);
  if (context.recorder) {
    const params = (passThrough?.params ?? []).reduce((sum, tensor) => sum + tensor.shape.reduce((x, y) => x * y, 1), 0);
    const exactCounts = passThrough !== undefined && passThrough !== null;
    // A layer the engine does not model: neither its weights nor its compute are known.
    const unknown = !exactCounts;
    recordCall(context.recorder, layer, call, output, output, {
      params,
      trainableParams: params,
      paramTensors: passThrough?.params ?? [],
      macs: 0,
      exactCounts,
      paramsUnknown: unknown,
      macsUnknown: unknown,
      issues: [],
    });
  }
  return output;
}

/** Runs the children of a Sequential one after the other. */
export function runSequential(context: AnalysisContext, children: readonly [string, Value][], input: Value, site: PyNode): Value {
  let value = input;
  for (const [, child] of children) value = callValue(context, child, [value], new Map(), site);
  return value;
}

/** A model called from plain code: its records are kept, the model's report reuses them. */
function topLevelCall(
  context: AnalysisContext,
  module: PyLayer | PyContainer | PyInstance,
  input: PyTensor,
  args: Value[],
  kwargs: ReadonlyMap<string, Value>,
  site: PyNode,
): Value {
  const graph = new GraphRecorder();
  for (const arg of args) if (isTensor(arg)) graph.addInput(arg);
  const call: TopLevelCall = { model: module, input, site, recorder: { records: [], paths: modulePaths(module), calledLayers: new Map(), graph } };
  if (!context.firstCalls.has(module)) context.firstCalls.set(module, call);
  if (module.kind === 'instance' && !context.firstCalls.has(module.cls)) context.firstCalls.set(module.cls, call);
  context.recorder = call.recorder;
  context.resetBudget();
  try {
    call.output = callModule(context, module, args, kwargs, site);
    graph.setOutputs(call.output);
    return call.output;
  } finally {
    context.recorder = null;
  }
}

/** Calls a module on its arguments: a leaf applies the engine, a container or instance runs its forward. */
export function callModule(context: AnalysisContext, module: PyLayer | PyContainer | PyInstance, args: Value[], kwargs: ReadonlyMap<string, Value>, site: PyNode): Value {
  const input = args[0];
  if (context.moduleCallDepth === 0 && context.recorder === null && isTensor(input) && input.shape) {
    return topLevelCall(context, module, input, args, kwargs, site);
  }
  context.moduleCallDepth++;
  try {
    if (module.kind === 'layer') return recordLayerCall(context, module, { input: isTensor(input) ? input : null, args: { args, kwargs }, site });
    if (module.kind === 'container') {
      if (module.container !== 'Sequential') return unknown(`calling an nn.${module.container}`);
      return runSequential(context, moduleChildren(module), input ?? null, site);
    }
    const forward = findMethod(module.cls, module.moduleId === null ? '__call__' : 'forward');
    if (forward) return callFunction(context, forward, [module, ...args], kwargs, site);
    if (module.cls.torchBase === 'Sequential') return runSequential(context, moduleChildren(module), input ?? null, site);
    return unknown(`${module.cls.name}.forward`);
  } finally {
    context.moduleCallDepth--;
  }
}
