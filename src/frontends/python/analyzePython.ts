/**
 * The Python front end's entry point, for PyTorch and Keras: a parsed file in, its models
 * (one record per layer call, in execution order) and diagnostics out. The file's code is
 * interpreted statically by the core (core/statements.ts, core/evaluate.ts); nothing is
 * executed for real. This is where the torch and Keras plug-ins are registered with the
 * interpreter, and where their model reports are gathered.
 */
import type { Tree } from '@vscode/tree-sitter-wasm';
import type { FileAnalysis, Finding, ModelReport } from '../../engine/report';
import type { Shape } from '../../engine/types';
import { torchSignature } from '../../engine/torch/signatures';
import { installBuiltins } from './core/builtins';
import { callFunction } from './core/calls';
import { AnalysisContext, BudgetExceeded } from './core/context';
import { evaluateCall } from './core/evaluate';
import { analyzeModel, findModels } from './torch/modelDiscovery';
import { recoverStatements } from './core/recovery';
import { uncalledFunctions } from './core/entryPoints';
import { Scope } from './core/scope';
import { execStatement } from './core/statements';
import type { PyNode } from './core/syntax';
import { convertTree, dottedName, field } from './core/syntax';
import { torchNnClass } from './torch/torchCalls';
import { isObject } from './core/values';
import { PythonLibraries } from './core/library';
import { kerasLibrary } from './keras/kerasLibrary';
import { torchLibrary } from './torch/torchLibrary';
import { torchvisionLibrary } from './torchvision/torchvisionLibrary';
import { existingKerasSession, kerasSession } from './keras/kerasSession';
import { kerasModelReports, runKerasBuilders } from './keras/kerasReport';
import { kerasName } from './keras/kerasCalls';
import { canonicalTfKind } from '../../engine/tf/signatures';
import { defaultStepBudget, defaultTimeBudgetMs, nestingTooDeepMessage } from '../analysisLimits';
import type { ImportContext } from '../sourceFiles';
import { ImportSession } from './imports/importSession';

export interface PythonAnalysisOptions {
  /** A setting; used when nothing in the file says what the model is fed. */
  readonly defaultInputShape?: Shape;
  /** Spatial size for the last-resort input (first layer's channels at this size); default 224. */
  readonly defaultSpatialSize?: number;
  /** Interpreter steps for the whole file (every phase, every model) before giving up on runaway loops/recursion. */
  readonly stepBudget?: number;
  /** Wall time for the whole file's interpretation, in milliseconds. */
  readonly timeBudgetMs?: number;
  /**
   * Whether to reuse (and replace) the statements kept from the previous analysis (core/syntax.ts);
   * false for throwaway analyses that must not evict the editor's. Default true.
   */
  readonly reuseStatements?: boolean;
  /** Where imported files are read from; without it, imports bind dotted-path namespaces only. */
  readonly imports?: ImportContext;
  /** Parses an imported file (the caller's parser); needed with `imports`. */
  readonly parsePython?: (text: string) => Tree | undefined;
}

/** Keras first: its paths (`tensorflow.keras...`, `numpy.zeros` as a model input) are asked before torch's. */
const libraries = new PythonLibraries([kerasLibrary, torchLibrary, torchvisionLibrary]);

/**
 * Runs one phase of the analysis (a statement, a model, a builder) so that nothing it
 * throws escapes: an internal error becomes an info at `node`, the rest of the file is still
 * analysed. Once the file's one budget is spent, the remaining phases are skipped.
 */
function runGuarded(context: AnalysisContext, node: PyNode, run: () => void): void {
  if (context.budgetSpent) return;
  try {
    run();
  } catch (error) {
    if (error instanceof BudgetExceeded) {
      context.report(node.range, 'info', 'budget', error.message);
      return;
    }
    // An interpreter bug must not hide what the rest of the file shows (a stack overflow
    // from values nested too deep included).
    const message = error instanceof Error ? error.message : String(error);
    context.report(node.range, 'info', 'internal', `Conv Inspector could not interpret this statement (${message})`);
  }
}

/**
 * Whether a callee may name a layer class: a plain name (maybe an alias: `from torch.nn
 * import Conv2d as conv`), or an attribute starting with a capital letter, as layer classes
 * do (`nn.Conv2d`, `layers.Dense`). A cheap test that skips the many method calls
 * (`self.conv(x)`, `F.relu(...)`) without building their dotted names.
 */
function mayNameAClass(source: string, callee: PyNode): boolean {
  if (callee.type === 'identifier') return true;
  const attribute = callee.type === 'attribute' ? field(callee, 'attribute') : undefined;
  if (!attribute) return false;
  const first = source.charCodeAt(attribute.start);
  return first >= 65 && first <= 90;
}

/** Layer constructors never reached by the interpretation still get their constructor checks. */
function checkUnreachedConstructors(context: AnalysisContext, globals: Scope): void {
  for (const node of context.syntax.calls) {
    if (context.executedSites.has(node)) continue;
    const callee = field(node, 'function');
    if (!callee || !mayNameAClass(context.syntax.source, callee)) continue;
    const name = dottedName(context.syntax, callee);
    if (!name) continue;
    const [head, ...rest] = name.split('.');
    // Peeked, not looked up: an imported name nothing used must not run its module here, outside any budget guard.
    const bound = globals.peek(head);
    const path = bound !== undefined && isObject(bound) && bound.kind === 'ns' ? [bound.path, ...rest].join('.') : undefined;
    const kind = path ? torchNnClass(path) : undefined;
    // Keras layer constructors too (keras/kerasCalls.ts): their constructor errors still show.
    const kerasKind = path ? kerasName(path) : undefined;
    if ((kind && torchSignature(kind)) || (kerasKind && !/^Input(Layer)?$/.test(kerasKind) && canonicalTfKind(kerasKind))) {
      context.resetBudget();
      runGuarded(context, node, () => {
        evaluateCall(context, node, new Scope(globals));
      });
    }
  }
}

function syntaxFindings(context: AnalysisContext): void {
  for (const problem of context.syntax.problems) {
    const message = problem.missing ? `Syntax error: missing '${problem.missing}'` : 'Syntax error';
    context.report(problem.range, 'error', 'syntax', message);
  }
  for (const node of context.syntax.tooDeep) context.report(node.range, 'info', 'nesting', nestingTooDeepMessage);
}

/** Analyses a Python file parsed by the caller (tree-sitter Python grammar). */
export function analyzePython(tree: Tree, source: string, options: PythonAnalysisOptions = {}): FileAnalysis {
  const syntax = recoverStatements(tree, convertTree(tree, source, { reuse: options.reuseStatements }));
  const context = new AnalysisContext(syntax, options.stepBudget ?? defaultStepBudget, options.timeBudgetMs ?? defaultTimeBudgetMs, libraries);
  syntaxFindings(context);
  const globals = new Scope(null);
  context.globals = globals;
  installBuiltins(context, globals);
  const session = options.imports && options.parsePython ? new ImportSession(context, options.imports, options.parsePython) : undefined;
  context.imports = session ?? null;
  session?.begin();
  try {
    return interpretFile(context, globals, source, options);
  } finally {
    session?.end();
  }
}

function interpretFile(context: AnalysisContext, globals: Scope, source: string, options: PythonAnalysisOptions): FileAnalysis {
  const syntax = context.syntax;
  for (const statement of syntax.root.children) {
    context.resetBudget();
    runGuarded(context, statement, () => {
      execStatement(context, statement, globals);
    });
  }
  // Functions nothing calls (`test()`, `main()`, builders): entry points, each in its own scope.
  const entryPoints = uncalledFunctions(context, globals);
  for (const fn of entryPoints) {
    context.resetBudget();
    context.entryFunction = fn;
    runGuarded(context, fn.node, () => {
      const returned = callFunction(context, fn, [], new Map(), fn.node);
      // A builder's Sequential is a model named after the builder.
      if (isObject(returned) && returned.kind === 'container' && returned.container === 'Sequential' && !context.moduleAssignments.some((entry) => entry.model === returned)) {
        context.moduleAssignments.push({ name: fn.name, model: returned, node: fn.node });
      }
    });
    context.entryFunction = null;
  }
  const models: ModelReport[] = [];
  for (const candidate of findModels(context, globals)) {
    let report: ModelReport | undefined;
    runGuarded(context, candidate.node, () => {
      report = analyzeModel(context, candidate, options);
    });
    if (report) models.push(report);
  }
  // Keras: run the builder functions the file only defines, then report its Keras models.
  if (/\bkeras\b/.test(source)) {
    const session = kerasSession(context);
    runKerasBuilders(context, globals, session, new Set(entryPoints), (node, run) => {
      runGuarded(context, node, run);
    });
  }
  const keras = existingKerasSession(context);
  if (keras)
    runGuarded(context, syntax.root, () => {
      models.push(...kerasModelReports(context, keras));
    });
  checkUnreachedConstructors(context, globals);
  const diagnostics: Finding[] = context.allFindings().sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column);
  return context.budgetHit ? { language: 'python', models, diagnostics, partial: true } : { language: 'python', models, diagnostics };
}
