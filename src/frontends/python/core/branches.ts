/**
 * An `if` whose condition cannot be decided: both branches run, one after the other from
 * the same state, and their results merge. A name (or an attribute of the method's `self`)
 * that both branches leave the same keeps its value; one they leave different becomes
 * unknown, and one info at the condition names them (branches that agree give no info). Layers called in either branch are
 * recorded, first branch first, so the table never silently loses a branch. An error only
 * one branch would raise is not certain: it is reported as a warning. A `return` in one
 * branch only is kept aside and merged with the function's final result. Only names and
 * `self`'s attributes are put back between the branches: a list or dict one branch mutates
 * (`layers.append(...)`) keeps the mutation, so both branches' appends are seen, in order.
 */
import type { AnalysisContext } from './context';
import type { Scope } from './scope';
import type { PyNode } from './syntax';
import { makeTensor } from './tensorOps';
import type { Value } from './values';
import { isObject, isTensor, numberOf, unknown } from './values';
import type { Flow } from './statements';

/** `a` and `b` as one value: kept when they are the same, else undefined. */
export function sameValue(a: Value, b: Value): Value | undefined {
  if (a === b) return a;
  if (isObject(a) && isObject(b) && a.kind === 'float' && b.kind === 'float') return a.value === b.value ? a : undefined;
  if (isTensor(a) && isTensor(b) && a.shape && b.shape && a.shape.length === b.shape.length && a.shape.every((size, axis) => size === b.shape![axis])) {
    // Same shape: the shape is what the analysis follows; the field is the wider of the two.
    return makeTensor(a.shape, [a, b]);
  }
  if (isObject(a) && isObject(b) && a.kind === 'unknown' && b.kind === 'unknown') return a;
  return numberOf(a) !== undefined && numberOf(a) === numberOf(b) && typeof a === typeof b ? a : undefined;
}

/** Runs one branch; its errors become warnings (the branch may not run). */
function runBranch(context: AnalysisContext, branch: () => Flow): Flow {
  let flow: Flow;
  const findings = context.collectFindings(() => {
    flow = branch();
  });
  for (const finding of findings) context.report(finding.range, finding.severity === 'error' ? 'warning' : finding.severity, finding.code, finding.message);
  return flow;
}

interface State {
  readonly names: Map<string, Value>;
  readonly attributes: Map<string, Value> | undefined;
}

/** Merges two bindings maps into `into`; returns the names that differ. */
function mergeBindings(
  first: ReadonlyMap<string, Value>,
  second: ReadonlyMap<string, Value>,
  prefix: string,
  describe: string,
  set: (name: string, value: Value) => void,
): string[] {
  const differing: string[] = [];
  for (const name of new Set([...first.keys(), ...second.keys()])) {
    const a = first.get(name);
    const b = second.get(name);
    const merged = a !== undefined && b !== undefined ? sameValue(a, b) : undefined;
    if (merged !== undefined) set(name, merged);
    else {
      set(name, unknown(`\`${prefix}${name}\` (it differs between the branches of ${describe})`));
      differing.push(`\`${prefix}${name}\``);
    }
  }
  return differing;
}

/** The result of a function whose body returned in only one branch of an undecided `if`. */
export function mergeReturns(returned: Value, maybe: readonly Value[]): Value {
  let value = returned;
  for (const other of maybe) value = sameValue(value, other) ?? unknown('a result that depends on an undecided condition');
  return value;
}

/**
 * Runs `first` and `second` from the same state and merges what they leave; `condition`
 * is the undecided condition, `reason` why it is unknown.
 */
export function runBothBranches(context: AnalysisContext, scope: Scope, condition: PyNode, reason: string, first: () => Flow, second: () => Flow): Flow {
  const frame = context.frames[context.frames.length - 1];
  const self = frame && isObject(frame.self) && frame.self.kind === 'instance' ? frame.self : undefined;
  const capture = (): State => ({ names: scope.snapshot(), attributes: self ? new Map(self.attrs) : undefined });
  const restore = (state: State): void => {
    scope.restore(state.names);
    if (self && state.attributes) {
      self.attrs.clear();
      for (const [name, value] of state.attributes) self.attrs.set(name, value);
    }
  };
  const before = capture();
  const firstFlow = runBranch(context, first);
  const afterFirst = capture();
  restore(before);
  const secondFlow = runBranch(context, second);
  const afterSecond = capture();
  // A branch that raises does not go on: the state after the `if` is the other branch's.
  if (raises(firstFlow) !== raises(secondFlow)) {
    if (raises(secondFlow)) restore(afterFirst);
    return raises(firstFlow) ? secondFlow : firstFlow;
  }
  const text = context.syntax.source.slice(condition.start, condition.end).slice(0, 60);
  const describe = `\`if ${text}\``;
  const differing = mergeBindings(afterFirst.names, afterSecond.names, '', describe, (name, value) => scope.set(name, value));
  if (self && afterFirst.attributes && afterSecond.attributes) {
    self.attrs.clear();
    differing.push(...mergeBindings(afterFirst.attributes, afterSecond.attributes, 'self.', describe, (name, value) => self.attrs.set(name, value)));
  }
  // Branches that agree leave nothing unknown: no info then.
  if (differing.length > 0) {
    const names = `${differing.slice(0, 4).join(', ')}${differing.length > 4 ? ', ...' : ''}`;
    context.report(
      condition.range,
      'info',
      'unsupported',
      `Conv Inspector cannot decide the condition \`${text}\`${reason}; both branches were followed, and ${names} differ between them, so they are unknown`,
    );
  }
  return mergeFlows(firstFlow, secondFlow, frame);
}

function raises(flow: Flow): boolean {
  return typeof flow === 'object' && flow.raised === true;
}

function mergeFlows(first: Flow, second: Flow, frame: AnalysisContext['frames'][number] | undefined): Flow {
  if (typeof first === 'object' && typeof second === 'object') {
    return { returned: sameValue(first.returned, second.returned) ?? unknown('a result that depends on an undecided condition') };
  }
  const returned = typeof first === 'object' ? first : typeof second === 'object' ? second : undefined;
  if (returned) {
    // One branch returned, the other goes on: the function's result merges both.
    if (frame) (frame.maybeReturned ??= []).push(returned.returned);
    return undefined;
  }
  return first === second ? first : undefined;
}
