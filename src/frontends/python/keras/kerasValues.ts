/**
 * Keras objects in the Python interpreter: layers (built by the TF-semantics engine) and
 * models (Sequential, functional, subclassed). Keras symbolic tensors are ordinary
 * PyTensor values, channels-last, with batch 1 standing for Keras's `None` batch.
 */
import type { Shape } from '../../../engine/types';
import type { TfLayer } from '../../../engine/tf/layers';
import type { PyNode } from '../core/syntax';
import type { Value } from '../core/values';

/** A Keras layer object (`layers.Conv2D(32, 3)`). */
export interface KerasLayerObject {
  readonly type: 'layer';
  readonly layerId: number;
  /** Keras's class name (`Conv2D`), also for classes the engine does not model. */
  readonly className: string;
  /** The `name=` argument, else Keras 3's auto name (`conv2d`, `conv2d_1`, ...). */
  readonly name: string;
  /** Null when the engine does not know the class or the constructor failed. */
  readonly layer: TfLayer | null;
  readonly site: PyNode;
  /** `input_shape=` of a Sequential's first layer, with batch 1. */
  readonly declaredInput: Shape | null;
  /** For classes the engine does not model but whose shape effect is plain (kerasPassThrough.ts). */
  readonly unmodelled?: KerasUnmodelled;
}

/** Shape behaviour of a layer the engine does not model. */
export type KerasUnmodelled =
  | { readonly type: 'identity' }
  | { readonly type: 'resize'; readonly height: number; readonly width: number; readonly channelsFirst: boolean }
  | { readonly type: 'lambda'; readonly fn: Value };

/** A Keras model object: an index into the session's models. */
export interface KerasModelObject {
  readonly type: 'model';
  readonly modelIndex: number;
}

export type KerasObject = KerasLayerObject | KerasModelObject;
