/**
 * Constructing TF.js layers: `tf.layers.<factory>(config)` through the TF-semantics engine,
 * and user classes extending `tf.layers.Layer`. Each layer gets tfjs's name (the `name`
 * config, else `<snake>_<Class><n>` counted per class) and an id; all are kept.
 */
import type { Node } from '@vscode/tree-sitter-wasm';
import type { EngineIssue } from '../../engine/types';
import { constructTfLayer } from '../../engine/tf/layers';
import type { JsLayer, JsObject, JsValue } from './jsValues';
import { tfjsClassOfFactory, tfjsSnakeCase, tfjsUnmodelledClass } from './tfjsFactories';
import { configArgs, declaredShape, unknownDeclaredShape } from './tfjsArgs';

export class TfjsLayerFactory {
  /** Every layer constructed, in order. */
  readonly layers: JsLayer[] = [];
  private readonly classCounters = new Map<string, number>();
  private nextLayerId = 0;

  /** tfjs's own name for a layer without a `name`: `<snake>_<Class><n>`, counted per class. */
  private autoName(className: string): string {
    const count = (this.classCounters.get(className) ?? 0) + 1;
    this.classCounters.set(className, count);
    return `${tfjsSnakeCase(className)}_${className}${count}`;
  }

  /** A user class that extends `tf.layers.Layer`, as one layer; its methods define what it does. */
  custom(instance: JsObject, className: string, configValue: JsValue, site: Node): JsLayer {
    const config = configArgs(configValue);
    const name = typeof config.name === 'string' ? config.name : this.autoName(className);
    const declaredInput = declaredShape(config, 'batch_input_shape', 'input_shape');
    const declaredInputUnknown = unknownDeclaredShape(config);
    const layer: JsLayer = {
      kind: 'layer',
      layerId: this.nextLayerId++,
      className,
      name,
      layer: null,
      site,
      constructIssues: [],
      declaredInput,
      declaredInputUnknown,
      custom: instance,
    };
    this.layers.push(layer);
    return layer;
  }

  /** `tf.layers.<factory>(config)`: a modelled layer, or an unmodelled one that stops the shapes (with an info). */
  construct(factory: string, config: JsValue, site: Node): JsValue {
    const className = tfjsClassOfFactory(factory);
    const args = configArgs(config);
    const layerId = this.nextLayerId++;
    const declaredInput = declaredShape(args, 'batch_input_shape', 'input_shape');
    // tfjs counts auto names per class and only for layers without a `name`.
    const displayClass = className ?? tfjsUnmodelledClass(factory);
    const autoName = typeof args.name === 'string' ? undefined : this.autoName(displayClass);
    if (!className) {
      const issues: EngineIssue[] = [{ severity: 'info', code: 'tf.unknown-layer', message: `tf.layers.${factory} is not modelled by Conv Inspector; shapes stop here.` }];
      const unmodelled: JsLayer = {
        kind: 'layer',
        layerId,
        className: displayClass,
        name: typeof args.name === 'string' ? args.name : (autoName ?? factory),
        layer: null,
        site,
        constructIssues: issues,
        declaredInput,
      };
      this.layers.push(unmodelled);
      return unmodelled;
    }
    const { layer, issues } = constructTfLayer(className, args, { dialect: 'tfjs', autoName });
    const declaredInputUnknown = unknownDeclaredShape(args);
    const value: JsLayer = {
      kind: 'layer',
      layerId,
      className,
      name: layer?.name ?? autoName ?? className,
      layer,
      site,
      constructIssues: issues,
      declaredInput,
      declaredInputUnknown,
    };
    this.layers.push(value);
    return value;
  }
}
