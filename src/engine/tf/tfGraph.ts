/**
 * The dataflow graph of a TF-semantics layer graph (Keras in Python, TF.js in TypeScript):
 * the session tells the builder every layer call, tensor operation and model-as-layer call
 * as it happens, with the tensor objects it read and made; a model's graph is then cut
 * out of that, from the model's outputs back to its inputs. A model called as a layer of
 * another is inlined (its nodes under `<model>.`), so previews run through it. Tensors are
 * the session's own objects (PyTensor, JsTensor): identity says which call made which.
 */
import type { GraphNode, ModelGraph, NodeInput, NodeOrigin } from '../graph/modelGraph';
import type { SourceRange } from '../report';
import type { BoundArgs, Shape } from '../types';

interface RawNode<T> {
  readonly seq: number;
  readonly origin: NodeOrigin;
  /** Layer class name, op kind, or the model kind of a nested model. */
  readonly kind: string;
  /** The layer's path (its name) for layer calls and nested models. */
  readonly path?: string;
  readonly args: BoundArgs;
  readonly inputs: readonly T[];
  readonly outputs: readonly (Shape | null)[];
  readonly range: SourceRange | null;
  /** The session's record index of a layer call. */
  readonly record?: number;
  readonly note?: string;
  /** A model called as a layer: its own input and output tensors. */
  readonly nested?: { readonly inputs: readonly T[]; readonly outputs: readonly T[] };
}

/** One layer call, as a session describes it. */
export interface TfLayerCallSite {
  readonly path: string;
  readonly kind: string;
  readonly args: BoundArgs;
  readonly range: SourceRange | null;
  readonly record: number;
}

/** One tensor operation, as a session describes it (`args` resolved as `opKinds.ts` lists them). */
export interface TfOpSite {
  readonly kind: string;
  readonly origin: 'function' | 'method' | 'operator';
  readonly args: BoundArgs;
  readonly range: SourceRange | null;
  readonly note?: string;
}

/** Ids, ordering and edges of one graph being cut out (shared by the models it inlines). */
interface Emission {
  readonly nodes: GraphNode[];
  readonly layerCalls: Map<string, number>;
  readonly opCounts: Map<string, number>;
  readonly recordPositions: ReadonlyMap<number, number>;
  /** Guards against a model that (through bad code) contains itself. */
  readonly depth: number;
}

const maxNesting = 16;

export class TfGraphBuilder<T extends object> {
  private readonly raw: RawNode<T>[] = [];
  private readonly producers = new WeakMap<T, { readonly node: RawNode<T>; readonly output: number }>();

  private push(node: Omit<RawNode<T>, 'seq'>, made: readonly T[]): void {
    const full = { ...node, seq: this.raw.length };
    this.raw.push(full);
    made.forEach((tensor, output) => this.producers.set(tensor, { node: full, output }));
  }

  /** A layer called on `inputs` (one tensor, or the list a merge layer takes) made `output`. */
  layer(call: TfLayerCallSite, inputs: readonly T[], output: T, shape: Shape | null): void {
    this.layerOutputs(call, inputs, [output], [shape]);
  }

  /** A layer call that returned several tensors (`out, scores = mha(q, v, return_attention_scores=True)`, an RNN's output and states). */
  layerOutputs(call: TfLayerCallSite, inputs: readonly T[], outputs: readonly T[], shapes: readonly (Shape | null)[]): void {
    this.push({ origin: 'layer', kind: call.kind, path: call.path, args: call.args, inputs, outputs: shapes, range: call.range, record: call.record }, outputs);
  }

  /** A tensor operation on `inputs` made `outputs` (shapes in `shapes`). */
  op(site: TfOpSite, inputs: readonly T[], outputs: readonly T[], shapes: readonly (Shape | null)[]): void {
    this.push({ origin: site.origin, kind: site.kind, args: site.args, inputs, outputs: shapes, range: site.range, ...(site.note ? { note: site.note } : {}) }, outputs);
  }

  /** A model (`modelInputs` -> `modelOutputs`) called as a layer on `inputs`, giving `outputs`. */
  nestedModel(
    call: TfLayerCallSite,
    model: { readonly inputs: readonly T[]; readonly outputs: readonly T[] },
    inputs: readonly T[],
    outputs: readonly T[],
    shapes: readonly (Shape | null)[],
  ): void {
    this.push(
      {
        origin: 'layer',
        kind: call.kind,
        path: call.path,
        args: {},
        inputs,
        outputs: shapes,
        range: call.range,
        record: call.record,
        nested: { inputs: [...model.inputs], outputs: [...model.outputs] },
      },
      outputs,
    );
  }

  /** `tensor` holds the same values as `source` (a custom layer's output is what its call() returned). */
  alias(tensor: T, source: T): void {
    const producer = this.producers.get(source);
    if (producer) this.producers.set(tensor, producer);
  }

  /** True when some call made `tensor` (it is not a model input or a constant). */
  has(tensor: T): boolean {
    return this.producers.has(tensor);
  }

  /**
   * The graph of a model: the calls its `outputs` depend on, back to its `inputs`.
   * `recordIndices` are the model's records (`recordIndex` is a position among them).
   */
  graph(inputs: readonly T[], outputs: readonly T[], recordIndices: readonly number[]): ModelGraph {
    const emission: Emission = { nodes: [], layerCalls: new Map(), opCounts: new Map(), recordPositions: new Map(recordIndices.map((r, i) => [r, i])), depth: 0 };
    const aliases = new Map<T, NodeInput>();
    inputs.forEach((tensor, i) => {
      const id = i === 0 ? 'input' : `input:${i}`;
      aliases.set(tensor, { node: id });
      emission.nodes.push({ id, origin: 'input', kind: 'input', inputs: [], args: {}, output: shapeOf(tensor), range: null });
    });
    const edges = this.emit(inputs, outputs, aliases, '', emission);
    return { layout: 'channels-last', nodes: emission.nodes, outputs: outputs.map(edges) };
  }

  /** The raw nodes `outputs` depend on, back to `inputs`, in execution order. */
  private upstream(inputs: readonly T[], outputs: readonly T[]): RawNode<T>[] {
    const stop = new Set(inputs);
    const seen = new Set<RawNode<T>>();
    const stack = outputs.filter((t) => !stop.has(t));
    for (let tensor = stack.pop(); tensor; tensor = stack.pop()) {
      const producer = this.producers.get(tensor)?.node;
      if (!producer || seen.has(producer)) continue;
      seen.add(producer);
      for (const source of producer.inputs) if (!stop.has(source)) stack.push(source);
    }
    return [...seen].sort((a, b) => a.seq - b.seq);
  }

  /** Adds the nodes between `inputs` (already in `aliases`) and `outputs`; returns how to reach any tensor. */
  private emit(inputs: readonly T[], outputs: readonly T[], aliases: Map<T, NodeInput>, prefix: string, emission: Emission): (tensor: T) => NodeInput {
    const ids = new Map<RawNode<T>, string>();
    const nestedOutputs = new Map<RawNode<T>, NodeInput[]>();
    const edgeOf = (tensor: T): NodeInput => {
      const alias = aliases.get(tensor);
      if (alias) return alias;
      const producer = this.producers.get(tensor);
      const nested = producer && nestedOutputs.get(producer.node);
      if (nested) return nested[producer.output] ?? { node: '?' };
      const id = producer && ids.get(producer.node);
      if (id) return producer.output === 0 ? { node: id } : { node: id, output: producer.output };
      // Neither made by a call of this model nor one of its inputs: an input of its own.
      const orphan = `input:${emission.nodes.filter((n) => n.origin === 'input').length}`;
      emission.nodes.push({
        id: orphan,
        origin: 'input',
        kind: 'input',
        inputs: [],
        args: {},
        output: shapeOf(tensor),
        range: null,
        note: 'a tensor the model does not compute from its inputs',
      });
      aliases.set(tensor, { node: orphan });
      return { node: orphan };
    };
    for (const node of this.upstream(inputs, outputs)) {
      const edges = node.inputs.map(edgeOf);
      if (node.nested && emission.depth < maxNesting) {
        const inner = new Map<T, NodeInput>(node.nested.inputs.map((tensor, i) => [tensor, edges[i] ?? { node: '?' }]));
        const innerEmission = { ...emission, depth: emission.depth + 1, recordPositions: new Map<number, number>() };
        const innerEdge = this.emit(node.nested.inputs, node.nested.outputs, inner, `${prefix}${node.path}.`, innerEmission);
        nestedOutputs.set(node, node.nested.outputs.map(innerEdge));
        continue;
      }
      const id = this.nodeId(node, prefix, emission);
      ids.set(node, id);
      const position = node.record === undefined ? undefined : emission.recordPositions.get(node.record);
      emission.nodes.push({
        id,
        origin: node.origin,
        kind: node.kind,
        inputs: edges,
        args: node.args,
        output: node.outputs[0] ?? null,
        ...(node.outputs.length > 1 ? { outputs: node.outputs } : {}),
        range: node.range,
        ...(position === undefined ? {} : { recordIndex: position }),
        ...(node.note ? { note: node.note } : {}),
      });
    }
    return edgeOf;
  }

  /** `conv2d`, `conv2d#2` for its second call; `add:1`, `add:2` for ops. */
  private nodeId(node: RawNode<T>, prefix: string, emission: Emission): string {
    if (node.path !== undefined) {
      const path = `${prefix}${node.path}`;
      const calls = (emission.layerCalls.get(path) ?? 0) + 1;
      emission.layerCalls.set(path, calls);
      return calls === 1 ? path : `${path}#${calls}`;
    }
    const count = (emission.opCounts.get(node.kind) ?? 0) + 1;
    emission.opCounts.set(node.kind, count);
    return `${prefix}${node.kind}:${count}`;
  }
}

function shapeOf(tensor: object): Shape | null {
  const shape = (tensor as { shape?: unknown }).shape;
  return Array.isArray(shape) ? (shape as Shape) : null;
}
