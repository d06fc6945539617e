/**
 * torch calls by their full dotted path: torch.nn layers and containers, `torch.*` /
 * `torch.nn.functional.*` operations on tensor values, tensor factories
 * (`torch.randn(1, 3, 224, 224)`), torchinfo. Any alias (`import torch.nn as tnn`,
 * `from torch.nn import Conv2d`) arrives here as the same path.
 */
import type { AnalysisContext } from '../core/context';
import { callValue } from '../core/calls';
import { opSite } from '../core/opSite';
import { constructContainer, constructLayer } from './modules';
import { binaryOp } from '../core/operators';
import { functionalOp } from './functional';
import type { PyNode } from '../core/syntax';
import { concatenate, dimReductions, flattenShape, makeTensor, rearrange, reduceCall, sizeArguments, splitTensor, viewShape } from '../core/tensorOps';
import type { PyTensor, Value } from '../core/values';
import { intOf, isObject, isTensor, sequenceOf, tuple, unknown } from '../core/values';
import { recordTensorCall } from '../core/graphOps';
import { arangeValues, isValueFunction, linspaceValues, tensorFromData, valuedFunction } from '../core/tensorValues';

const containers = new Set(['Sequential', 'ModuleList', 'ModuleDict']);
const ignoredCalls =
  /^torch\.(manual_seed|set_grad_enabled|no_grad|inference_mode|enable_grad|set_default_dtype|backends\..*|cuda\..*|device|save|load|jit\..*|fx\..*|onnx\..*|autograd\..*|optim\..*|utils\.data\..*)$/;

/** The torch.nn class name in a path such as `torch.nn.Conv2d` or `torch.nn.modules.conv.Conv2d`. */
export function torchNnClass(path: string): string | undefined {
  const match = /^torch\.nn\.(?:modules\.\w+\.)?([A-Z]\w*)$/.exec(path);
  return match ? match[1] : undefined;
}

/** `dtype=torch.float32` and the like. */
function floatDtype(dtype: Value | undefined): boolean {
  return dtype !== undefined && isObject(dtype) && dtype.kind === 'ns' && /^torch\.(float|double|half|bfloat16)/.test(dtype.path);
}

function tensorFactory(name: string, args: Value[], kwargs: ReadonlyMap<string, Value>): Value | undefined {
  switch (name) {
    case 'randn':
    case 'rand':
    case 'zeros':
    case 'ones':
    case 'empty':
      return makeTensor(sizeArguments(args.length > 0 ? args : [kwargs.get('size') ?? tuple([])]));
    case 'full':
      return makeTensor(sizeArguments(args.slice(0, 1)));
    case 'randint':
      return makeTensor(sizeArguments(args.length >= 3 ? [args[2]] : [args[1] ?? kwargs.get('size') ?? null]));
    case 'arange':
      return arangeValues(args) ?? makeTensor(null);
    case 'linspace':
      return linspaceValues(args[0] ?? kwargs.get('start') ?? null, args[1] ?? kwargs.get('end') ?? null, args[2] ?? kwargs.get('steps') ?? null) ?? makeTensor(null);
    case 'randn_like':
    case 'rand_like':
    case 'zeros_like':
    case 'ones_like':
    case 'empty_like':
    case 'full_like':
      return isTensor(args[0] ?? null) ? makeTensor((args[0] as PyTensor).shape) : makeTensor(null);
    case 'tensor':
    case 'as_tensor':
    case 'Tensor':
    case 'FloatTensor':
    case 'LongTensor': {
      const known = name === 'tensor' || name === 'as_tensor' ? tensorFromData(args[0] ?? kwargs.get('data') ?? null, floatDtype(kwargs.get('dtype'))) : undefined;
      if (known) return known;
      const shape: number[] = [];
      let value: Value = args[0] ?? null;
      for (let items = sequenceOf(value); items; items = sequenceOf(value)) {
        shape.push(items.length);
        value = items[0] ?? null;
      }
      return makeTensor(shape);
    }
    default:
      return undefined;
  }
}

function torchFunction(context: AnalysisContext, name: string, args: Value[], kwargs: ReadonlyMap<string, Value>, site: PyNode): Value | undefined {
  const op = opSite(context, site);
  const input = args[0] ?? kwargs.get('input') ?? null;
  const dim = (index: number, fallback: Value): Value => args[index] ?? kwargs.get('dim') ?? fallback;
  switch (name) {
    case 'cat':
    case 'concat':
    case 'concatenate':
      return concatenate(args[0] ?? kwargs.get('tensors') ?? null, dim(1, 0), false, op);
    case 'stack':
      return concatenate(args[0] ?? kwargs.get('tensors') ?? null, dim(1, 0), true, op);
    case 'add':
    case 'sub':
    case 'subtract':
    case 'mul':
    case 'multiply':
    case 'div':
    case 'divide':
    case 'true_divide':
    case 'pow':
    case 'matmul':
    case 'mm':
    case 'bmm': {
      const symbol = { add: '+', sub: '-', subtract: '-', mul: '*', multiply: '*', div: '/', divide: '/', true_divide: '/', pow: '**', matmul: '@', mm: '@', bmm: '@' }[name];
      return binaryOp(symbol, input, args[1] ?? kwargs.get('other') ?? null, op);
    }
    default:
      break;
  }
  if (!isTensor(input)) return undefined;
  const valued = isValueFunction(name) ? valuedFunction(name, input) : undefined;
  if (valued) return valued;
  if (dimReductions.has(name)) return reduceCall(input, args, kwargs, 1);
  switch (name) {
    case 'flatten':
      return flattenShape(input, intOf(args[1] ?? kwargs.get('start_dim') ?? 0) ?? 0, intOf(args[2] ?? kwargs.get('end_dim') ?? -1) ?? -1);
    case 'reshape':
      return viewShape(input, sizeArguments(args.slice(1)), op);
    case 'permute':
    case 'transpose':
    case 'unsqueeze':
    case 'squeeze':
      return rearrange(input, name, args.slice(1));
    case 'chunk':
      return splitTensor(input, 'chunk', args[1] ?? kwargs.get('chunks') ?? null, dim(2, 0));
    case 'split':
      return splitTensor(input, 'split', args[1] ?? kwargs.get('split_size_or_sections') ?? null, dim(2, 0));
    default:
      return undefined;
  }
}

/** Calls the torch function or class at a dotted `path`; undefined when the path is not torch's. */
export function callTorchPath(context: AnalysisContext, path: string, args: Value[], kwargs: ReadonlyMap<string, Value>, site: PyNode): Value | undefined {
  const nnClass = torchNnClass(path);
  if (nnClass) {
    if (containers.has(nnClass)) return constructContainer(context, nnClass as 'Sequential', args, site);
    if (nnClass === 'Parameter') {
      const data = args[0] ?? kwargs.get('data');
      const trainable = (args[1] ?? kwargs.get('requires_grad')) !== false;
      return data !== undefined && isTensor(data) ? { ...data, parameter: { trainable } } : unknown('nn.Parameter()');
    }
    if (nnClass === 'Module') return unknown('a bare nn.Module()');
    return constructLayer(context, nnClass, args, kwargs, site);
  }
  if (path.startsWith('torch.nn.init.')) return null;
  if (path === 'torch.autograd.Variable' || path === 'torch.autograd.variable.Variable') return args[0] ?? unknown('Variable()');
  if (path === 'torchinfo.summary' || path === 'torchinfo.torchinfo.summary') {
    // torchinfo runs the model on zeros of input_size (batch included): the same as calling it.
    const size = sizeArguments([args[1] ?? kwargs.get('input_size') ?? null]);
    if (args[0] !== undefined && size) callValue(context, args[0], [makeTensor(size)], new Map(), site);
    return unknown('torchinfo.summary()');
  }
  if (path.startsWith('torch.nn.utils.')) return args[0] ?? null;
  // Questions about the run-time environment: the analysis stands for plain eager mode on a CPU.
  if (/^torch\.(jit\.is_scripting|jit\.is_tracing|onnx\.is_in_onnx_export|cuda\.is_available|_C\._get_tracing_state)$/.test(path)) return false;
  if (ignoredCalls.test(path)) return unknown(`${path}()`);
  const functional = /^torch\.nn\.functional\.(\w+)$/.exec(path) ?? /^torch\.(\w+)$/.exec(path);
  if (functional) {
    const name = functional[1];
    const result = tensorFactory(name, args, kwargs) ?? torchFunction(context, name, args, kwargs, site) ?? functionalOp(context, name, args, kwargs, site);
    if (result !== undefined && context.recorder?.graph) recordTensorCall(context, 'function', name, null, args, kwargs, result, site.range);
    if (result !== undefined) return result;
  }
  if (path === 'torch.Size') return tuple([...(sequenceOf(args[0] ?? null) ?? [])]);
  return undefined;
}
