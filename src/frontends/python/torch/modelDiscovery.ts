/**
 * Which models a file has and what they are fed. A model is
 *  - a module-level `name = nn.Sequential(...)` assignment, named by the variable, or
 *  - a user nn.Module subclass (named by the class) unless it is only ever built inside
 *    another module's `__init__` (a block, a submodule) or only serves as a base class.
 * Its input comes, most specific first, from a `# conv-inspector: input=(...)` comment
 * on or above its line, from the first call on a tensor in module-level code (or in a
 * function nothing calls, run as an entry point), from the `defaultInputShape` setting, else
 * from its first layer's channels at the smallest size that makes the model valid
 * (inferredInput.ts), and only when there is none at the default spatial size, as a guess.
 */
import type { Finding, ModelReport } from '../../../engine/report';
import type { Shape } from '../../../engine/types';
import type { AnalysisContext, Recorder, TopLevelCall } from '../core/context';
import { BudgetExceeded } from '../core/context';
import { callModule, instantiateModuleClass, leafLayers, modulePaths } from './modules';
import { buildModelReport, ownParametersOf } from './modelReportTotals';
import type { Scope } from '../core/scope';
import type { PyNode } from '../core/syntax';
import { isImportedNode, textOf } from '../core/syntax';
import { directiveInput } from '../core/inputDirective';
import type { FirstLayerInput, SolvedInput } from './inferredInput';
import { dependsOnSize, firstLayerInput, guessedInputNote, inputAt, probeSizes, solveInput } from './inferredInput';
import { makeTensor } from '../core/tensorOps';
import { GraphRecorder } from '../core/graphRecorder';
import type { PyClass, PyContainer, PyInstance, PyLayer, Value } from '../core/values';
import { isObject, isTensor } from '../core/values';

export interface ModelCandidate {
  readonly name: string;
  /** The definition: the class, or the constructor call of a Sequential or layer. */
  readonly node: PyNode;
  /** Where a directive may sit on or above: the definition, and the assignment naming it. */
  readonly directiveNodes: readonly PyNode[];
  /** The module object to run, or the class to instantiate when no instance exists. */
  readonly model: PyLayer | PyContainer | PyInstance | PyClass;
}

export interface InputOptions {
  readonly defaultInputShape?: Shape;
  readonly defaultSpatialSize?: number;
}

function identifiersIn(context: AnalysisContext, node: PyNode, names: Set<string>): void {
  const pending = [node];
  while (pending.length > 0) {
    const current = pending.pop()!;
    if (current.type === 'identifier') names.add(textOf(context.syntax, current));
    else pending.push(...current.children);
  }
}

/**
 * Classes no code instantiated: build the ones no other module class mentions (the likely
 * top models), so that the blocks they build are seen as submodules, not models.
 */
function buildUnusedClasses(context: AnalysisContext, classes: readonly PyClass[], bases: ReadonlySet<PyClass>): void {
  const unused = classes.filter((cls) => !context.instantiated.has(cls) && !bases.has(cls));
  if (unused.length === 0) return;
  const mentioned = new Set<string>();
  for (const cls of classes) {
    const names = new Set<string>();
    identifiersIn(context, cls.node, names);
    names.delete(cls.name);
    for (const name of names) mentioned.add(name);
  }
  for (const cls of unused) {
    if (mentioned.has(cls.name) || context.instantiated.has(cls)) continue;
    context.resetBudget();
    try {
      instantiateModuleClass(context, cls, [], new Map(), cls.node);
    } catch (error) {
      if (!(error instanceof BudgetExceeded)) throw error;
    }
  }
}

/** The distinct instances of a class that module-level code assigns to a name, first name wins. */
function instancesAssignedOnce(context: AnalysisContext, cls: PyClass): AnalysisContext['instanceAssignments'] {
  const seen = new Set<PyInstance>();
  return context.instanceAssignments.filter(({ instance }) => instance.cls === cls && !seen.has(instance) && (seen.add(instance), true));
}

/** The models of the file, in source order. */
export function findModels(context: AnalysisContext, globals: Scope): ModelCandidate[] {
  const candidates: ModelCandidate[] = [];
  const seen = new Set<unknown>();
  for (const assignment of context.moduleAssignments) {
    const model = assignment.model;
    if (seen.has(model)) continue;
    // A single layer is a model only when plain code calls it (`conv(x)`); a Sequential always is.
    if (model.kind === 'layer' && !context.firstCalls.has(model)) continue;
    seen.add(model);
    candidates.push({ name: assignment.name, node: model.site, directiveNodes: [assignment.node, model.site], model });
  }
  const classes: PyClass[] = [];
  for (const [, value] of globals.entries()) {
    // Classes of imported modules are the analysed file's building blocks, not its models.
    if (isObject(value) && value.kind === 'class' && value.torchBase !== null && value.node && !isImportedNode(value.node) && !classes.includes(value)) classes.push(value);
  }
  const bases = new Set<PyClass>();
  for (const cls of classes) for (const base of cls.bases) if (isObject(base) && base.kind === 'class') bases.add(base);
  buildUnusedClasses(context, classes, bases);
  for (const cls of classes) {
    const usage = context.instantiated.get(cls);
    if (usage && usage.nested && !usage.standalone) continue;
    if (!usage && bases.has(cls)) continue;
    const assigned = instancesAssignedOnce(context, cls);
    if (assigned.length > 1) {
      // Several configurations of one class (resnet18 and resnet50): one model each, named by its variable.
      for (const { name, instance, node } of assigned) candidates.push({ name, node: cls.node, directiveNodes: [node, cls.node], model: instance });
      continue;
    }
    candidates.push({ name: cls.name, node: cls.node, directiveNodes: [cls.node], model: context.instancesByClass.get(cls) ?? cls });
  }
  // `model = resnet50()`: an instance of an imported class is a model named by its variable, at that line.
  const imported = new Set<PyInstance>();
  for (const { name, instance, node } of context.instanceAssignments) {
    if (instance.moduleId === null || !isImportedNode(instance.cls.node) || imported.has(instance)) continue;
    imported.add(instance);
    candidates.push({ name, node, directiveNodes: [node], model: instance });
  }
  // One called in a function run as an entry point (`def main(): net = resnet50(); net(x)`): named by its class.
  for (const call of context.firstCalls.values()) {
    const instance = call.model;
    if (instance.kind !== 'instance' || instance.moduleId === null || !isImportedNode(instance.cls.node) || imported.has(instance) || isImportedNode(call.site)) continue;
    imported.add(instance);
    candidates.push({ name: instance.cls.name, node: call.site, directiveNodes: [call.site], model: instance });
  }
  return candidates.sort((a, b) => a.node.start - b.node.start);
}

function firstCall(context: AnalysisContext, candidate: ModelCandidate): TopLevelCall | undefined {
  const model = candidate.model;
  if (model.kind === 'instance') return context.firstCalls.get(model) ?? context.firstCalls.get(model.cls);
  return context.firstCalls.get(model);
}

/** A model returning a tuple, list or dict has no single output shape (as in the PyTorch truth). */
function outputShape(result: Value | undefined): Shape | null {
  return result !== undefined && isTensor(result) ? result.shape : null;
}

interface ModelRun {
  readonly recorder: Recorder;
  readonly output: Shape | null;
}

/** Runs `module` on a tensor of shape `input` (null: unknown), recording its layer calls. */
function runModel(context: AnalysisContext, candidate: ModelCandidate, module: PyLayer | PyContainer | PyInstance, input: Shape | null, probe = false): ModelRun {
  // A probe run (solving for the input) keeps only shapes: no graph.
  const graph = probe ? undefined : new GraphRecorder();
  const recorder: Recorder = { records: [], paths: modulePaths(module), calledLayers: new Map(), functionalCalls: probe ? [] : undefined, graph };
  let output: Shape | null = null;
  context.recorder = recorder;
  context.resetBudget();
  try {
    const tensor = makeTensor(input);
    graph?.addInput(tensor);
    const result = callModule(context, module, [tensor], new Map(), candidate.node);
    graph?.setOutputs(result);
    output = outputShape(result);
  } catch (error) {
    if (!(error instanceof BudgetExceeded)) throw error;
    context.report(candidate.node.range, 'info', 'budget', `${candidate.name}: ${error.message}`);
  } finally {
    context.recorder = null;
  }
  return { recorder, output };
}

/** Reports a trial run's findings as the file's own; `guessed` turns the errors its input caused into warnings that say so. */
function adoptFindings(context: AnalysisContext, findings: readonly Finding[], guessed?: string): void {
  for (const finding of findings) {
    if (guessed && finding.severity === 'error' && dependsOnSize(finding)) context.report(finding.range, 'warning', finding.code, finding.message + guessed);
    else context.report(finding.range, finding.severity, finding.code, finding.message);
  }
}

/**
 * Nothing gives the input: solve for the smallest valid one (a probe run shows the chain of
 * layers), check it with a run whose findings must not depend on the size, else run at the
 * default size and say that the input was guessed.
 */
function runWithInferredInput(
  context: AnalysisContext,
  candidate: ModelCandidate,
  module: PyLayer | PyContainer | PyInstance,
  first: FirstLayerInput,
  options: InputOptions,
): ModelRun & { input: Shape; inputSource: string } {
  // A probe run's findings are those of a size nobody chose: dropped.
  const solveAt = (probeSize: number): SolvedInput | undefined => {
    let probe: ModelRun | undefined;
    context.collectFindings(() => {
      probe = runModel(context, candidate, module, inputAt(first, probeSize), true);
    });
    return solveInput(first, probe!.recorder, probeSize);
  };
  const solved = probeSizes(first.rank).reduce<SolvedInput | undefined>((found, probeSize) => found ?? solveAt(probeSize), undefined);
  if (solved) {
    let run: ModelRun | undefined;
    const findings = context.collectFindings(() => {
      run = runModel(context, candidate, module, solved.input);
    });
    if (!findings.some(dependsOnSize)) {
      adoptFindings(context, findings);
      return { ...run!, ...solved };
    }
  }
  const size = options.defaultSpatialSize ?? 224;
  const input = inputAt(first, size);
  let run: ModelRun | undefined;
  const findings = context.collectFindings(() => {
    run = runModel(context, candidate, module, input);
  });
  adoptFindings(context, findings, guessedInputNote(input));
  const spatial = Array<number>(first.rank).fill(size).join('x');
  return { ...run!, input, inputSource: `default: the first layer's ${first.what} at ${spatial} (no valid size was found)` };
}

/** Runs one model on its input and builds its report (reusing the records of its first top-level call). */
export function analyzeModel(context: AnalysisContext, candidate: ModelCandidate, options: InputOptions): ModelReport {
  context.resetBudget();
  const call = firstCall(context, candidate);
  let root: Value = call?.model ?? candidate.model;
  if (isObject(root) && root.kind === 'class') {
    try {
      root = instantiateModuleClass(context, root, [], new Map(), candidate.node);
    } catch (error) {
      if (!(error instanceof BudgetExceeded)) throw error;
      context.report(candidate.node.range, 'info', 'budget', `${candidate.name}: ${error.message}`);
    }
  }
  const module = isObject(root) && (root.kind === 'instance' || root.kind === 'container' || root.kind === 'layer') ? root : null;
  const leaves = module ? leafLayers(module) : [];
  const report = (input: Shape | null, inputSource: string, run: ModelRun | null): ModelReport => {
    const graph = run?.recorder.graph?.toGraph();
    return { ...modelReport(input, inputSource, run), ...(graph ? { graph } : {}) };
  };
  const modelReport = (input: Shape | null, inputSource: string, run: ModelRun | null): ModelReport =>
    buildModelReport(
      candidate,
      input,
      inputSource,
      run?.output ?? null,
      run?.recorder.records ?? [],
      [...new Set([...leaves, ...(run?.recorder.calledLayers.values() ?? [])])],
      module ? ownParametersOf(module) : [],
    );
  const directive = candidate.directiveNodes.map((node) => directiveInput(context, node)).find((shape) => shape !== undefined);
  if (!directive && call?.input.shape && call.output !== undefined) {
    return report(call.input.shape, `call at line ${call.site.range.start.line + 1}`, { recorder: call.recorder, output: outputShape(call.output) });
  }
  let input: Shape | null = null;
  let inputSource = 'unknown';
  if (directive) {
    input = directive;
    inputSource = 'directive';
  } else if (call?.input.shape) {
    input = call.input.shape;
    inputSource = `call at line ${call.site.range.start.line + 1}`;
  } else if (options.defaultInputShape) {
    input = options.defaultInputShape;
    inputSource = 'setting convInspector.defaultInputShape';
  } else {
    const first = firstLayerInput(leaves);
    if (first && first.rank > 0 && module) {
      const inferred = runWithInferredInput(context, candidate, module, first, options);
      return report(inferred.input, inferred.inputSource, inferred);
    }
    if (first) {
      input = inputAt(first, 0);
      inputSource = `default: the first layer's ${first.what}`;
    } else if (leaves.length > 0) {
      inputSource = "unknown: the first layer's input channels are not known";
    }
  }
  return report(input, inputSource, module ? runModel(context, candidate, module, input) : null);
}
