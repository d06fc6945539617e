/**
 * torchvision's model plumbing, modelled rather than interpreted: the builders' registry
 * (`register_model`), the decorator that maps the old `pretrained=` argument
 * (`handle_legacy_interface`, `kwonly_to_pos_or_kw`), usage logging, and the pretrained
 * weights (`Weights`, `WeightsEnum.verify`, the transforms presets). Weights are never
 * followed: `weights=None` is the builders' default, and `verify(None)` is None, so the
 * builders' own code (interpreted) builds the model exactly as PyTorch does.
 */
import type { AnalysisContext } from '../core/context';
import type { PythonLibrary } from '../core/library';
import { builtin } from '../core/methods';
import type { PyNode } from '../core/syntax';
import type { ObjectValue, PyClass, Value } from '../core/values';
import { isObject, unknown } from '../core/values';

type Kwargs = ReadonlyMap<string, Value>;

/** Decorators that leave the builder as it is. */
const identityDecorators = /^torchvision\.models\._api\.register_model$|^torchvision\.models\._utils\.handle_legacy_interface$/;
/** Calls with nothing to say about shapes: usage logging, the weights' descriptions, the preprocessing presets. */
const inertCalls = /^torchvision\.(utils\._log_api_usage_once|models\._api\.Weights|transforms\._presets\.\w+)$/;

const identity = builtin('decorator', ([value]) => value ?? null);

function callPath(_context: AnalysisContext, path: string, args: Value[], _kwargs: Kwargs, _site: PyNode): Value | undefined {
  if (!path.startsWith('torchvision.')) return undefined;
  if (identityDecorators.test(path)) return identity;
  if (path === 'torchvision.models._utils.kwonly_to_pos_or_kw') return args[0] ?? null;
  if (inertCalls.test(path)) return null;
  return undefined;
}

/** Whether a class derives from torchvision's `WeightsEnum`. */
function isWeightsEnum(cls: PyClass): boolean {
  return cls.bases.some((base) => isObject(base) && ((base.kind === 'ns' && /\._api\.WeightsEnum$/.test(base.path)) || (base.kind === 'class' && isWeightsEnum(base))));
}

/** `ResNet50_Weights.verify(weights)`: None stays None; any real weights are not followed. */
function classAttribute(_context: AnalysisContext, cls: PyClass, name: string): Value | undefined {
  if (name !== 'verify' || !isWeightsEnum(cls)) return undefined;
  return builtin('verify', ([weights]) => (weights === null || weights === undefined ? null : unknown('pretrained weights (never loaded by the analysis)')));
}

/** The plumbing above, claimed by name so the imported modules' own code for it is never run. */
const modelledNames =
  /^torchvision\.(?:models\._api\.(?:register_model|Weights|WeightsEnum)|models\._utils\.(?:handle_legacy_interface|kwonly_to_pos_or_kw)|utils\._log_api_usage_once|transforms\._presets\.\w+)$/;

/** The torchvision plug-in: only dotted paths and the weights enums' class attributes. */
export const torchvisionLibrary: PythonLibrary = {
  callPath,
  callObject: (_context: AnalysisContext, _callee: ObjectValue) => undefined,
  instantiate: () => undefined,
  attribute: () => undefined,
  instanceAttribute: () => undefined,
  superAttribute: () => undefined,
  isInstance: () => undefined,
  classBase: () => null,
  classAttribute,
  ownsName: (module: string, name: string) => modelledNames.test(`${module}.${name}`),
};
