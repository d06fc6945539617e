/**
 * Builds the dataflow graph (`engine/graph/modelGraph.ts`) of the model call being analysed:
 * every tensor maps to the node output that produced it, so each layer call and tensor
 * operation can name its inputs. It lives on the call's `Recorder`, so only the analysed
 * call pays for it; code outside a model call records nothing.
 */
import type { GraphNode, ModelGraph, NodeInput, NodeOrigin } from '../../../engine/graph/modelGraph';
import type { SourceRange } from '../../../engine/report';
import type { BoundArgs, Shape } from '../../../engine/types';
import type { PyTensor, Value } from './values';
import { isObject, isTensor } from './values';

/** What a builder says about a new node; the recorder adds the id, the edges and the output shapes. */
export interface NodeSpec {
  readonly origin: Exclude<NodeOrigin, 'input'>;
  readonly kind: string;
  /** The tensors it reads, in argument order. */
  readonly inputs: readonly PyTensor[];
  readonly args: BoundArgs;
  readonly range: SourceRange | null;
  /** Layer calls: the record's path (the id, with `#2` for a repeated call). Else `<prefix>:<n>`. */
  readonly path?: string;
  readonly prefix?: string;
  readonly recordIndex?: number;
  /** Set for a call the graph does not model: the node then has no output and the preview stops there. */
  readonly note?: string;
}

/** Why a tensor that no recorded node produced cannot be previewed. */
const untrackedNote = 'a tensor forward() makes or reads that is not the output of a recorded call (a parameter, torch.zeros(...)): its values are not known';

/** The tensors of a call's result, in order: a tensor, or the tensors of a (nested) tuple or list. */
function resultTensors(result: Value): PyTensor[] {
  if (isTensor(result)) return [result];
  if (isObject(result) && (result.kind === 'tuple' || result.kind === 'list')) return result.items.flatMap(resultTensors);
  return [];
}

export class GraphRecorder {
  private readonly nodes: GraphNode[] = [];
  private readonly byId = new Map<string, GraphNode>();
  private readonly producers = new WeakMap<PyTensor, NodeInput>();
  private readonly used = new Map<string, number>();
  private readonly outputs: NodeInput[] = [];
  private inputCount = 0;

  /** The node output `tensor` is, if a recorded node produced it. */
  producerOf(tensor: PyTensor): NodeInput | undefined {
    return this.producers.get(tensor);
  }

  /** The node with this id. */
  node(id: string): GraphNode | undefined {
    return this.byId.get(id);
  }

  /** A model input: `input`, then `input:1`, ... */
  addInput(tensor: PyTensor): void {
    if (this.producers.has(tensor)) return;
    const id = this.inputCount === 0 ? 'input' : `input:${this.inputCount}`;
    this.inputCount++;
    this.push({ id, origin: 'input', kind: 'input', inputs: [], args: {}, output: tensor.shape, range: null }, [tensor]);
  }

  /** Adds a node producing the tensors of `result`; returns its id. */
  add(spec: NodeSpec, result: Value): string {
    const id = spec.path !== undefined ? this.uniqueId(spec.path, '#') : this.uniqueId(spec.prefix ?? spec.kind.toLowerCase(), ':', true);
    const inputs = spec.inputs.map((tensor) => this.edgeTo(tensor));
    const tensors = resultTensors(result);
    const shapes: (Shape | null)[] = spec.note !== undefined ? tensors.map(() => null) : tensors.map((tensor) => tensor.shape);
    const node: GraphNode = {
      id,
      origin: spec.origin,
      kind: spec.kind,
      inputs,
      args: spec.args,
      output: shapes[0] ?? null,
      ...(shapes.length > 1 ? { outputs: shapes } : {}),
      range: spec.range,
      ...(spec.recordIndex !== undefined ? { recordIndex: spec.recordIndex } : {}),
      ...(spec.note !== undefined ? { note: spec.note } : {}),
    };
    this.push(node, tensors);
    return id;
  }

  /** After an in-place op (`x.relu_()`), `tensor` holds `result`'s values: later reads of it read the op's node. */
  rebind(tensor: PyTensor, result: PyTensor): void {
    const producer = this.producers.get(result);
    if (producer) this.producers.set(tensor, producer);
  }

  /** What the model returns: each tensor of its result. */
  setOutputs(result: Value): void {
    this.outputs.length = 0;
    for (const tensor of resultTensors(result)) this.outputs.push(this.edgeTo(tensor));
  }

  toGraph(): ModelGraph {
    return { layout: 'channels-first', nodes: [...this.nodes], outputs: [...this.outputs] };
  }

  private push(node: GraphNode, tensors: readonly PyTensor[]): void {
    this.nodes.push(node);
    this.byId.set(node.id, node);
    tensors.forEach((tensor, output) => {
      // A call that hands back its input object (in-place ops) makes that tensor this node's output from here on.
      this.producers.set(tensor, output === 0 ? { node: node.id } : { node: node.id, output });
    });
  }

  /** The edge to `tensor`'s producer; a tensor no node produced gets a source node that says why it cannot be previewed. */
  private edgeTo(tensor: PyTensor): NodeInput {
    const known = this.producers.get(tensor);
    if (known) return known;
    const id = this.uniqueId('tensor', ':', true);
    this.push({ id, origin: 'function', kind: 'tensor', inputs: [], args: {}, output: null, range: null, note: untrackedNote }, [tensor]);
    return { node: id };
  }

  /** `base` the first time (or `base:1` when `numbered`), then `base#2` / `base:2`, ... */
  private uniqueId(base: string, separator: string, numbered = false): string {
    const count = (this.used.get(base) ?? 0) + 1;
    this.used.set(base, count);
    return numbered || count > 1 ? `${base}${separator}${count}` : base;
  }
}
