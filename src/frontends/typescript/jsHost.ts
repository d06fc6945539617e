/**
 * What the static JS evaluator needs from outside: the host that models the library
 * (TF.js namespaces and objects) and receives its notes, and the one budget it may spend.
 */
import type { Node } from '@vscode/tree-sitter-wasm';
import type { JsObject, JsValue } from './jsValues';

/** The library side of evaluation: TF.js namespaces and objects. */
export interface JsHost {
  /** Calls a modelled namespace member such as `tf.layers.conv2d` or `tf.sequential`. */
  callNamespace(path: string, args: JsValue[], site: Node): JsValue;
  /** Property of a library object (layer, tensor, model); undefined = not modelled. */
  member(object: JsValue, name: string, site: Node): JsValue | undefined;
  /** Reports that something could not be followed (shown as an info diagnostic). */
  note(site: Node, message: string): void;
  /** A new instance of a user class that extends a library class (`class Z extends tf.layers.Layer`). */
  extendLibraryClass(base: string, instance: JsObject, className: string, args: JsValue[], site: Node): JsValue;
  /** Set while another file's code runs: the site in the analysed file that led there. */
  outerSite: Node | null;
}

/** The evaluator's share of the analysis's one budget. */
export interface JsBudget {
  /** Evaluation steps for the whole file, entry points included. */
  readonly steps: number;
  /** Wall time for the whole file, in milliseconds. */
  readonly timeMs: number;
}

/** Thrown when a file would take too long to evaluate (a huge loop, runaway recursion). */
export class BudgetExceeded extends Error {
  constructor() {
    super('the analysis budget ran out');
  }
}
