/**
 * The TensorFlow.js front end: a TypeScript/JavaScript tree in, the models found in it out.
 * It evaluates the file statically (never runs it): top-level code first, then every
 * function nobody in the file calls (such as `export function build()`), as entry points.
 *
 * Record paths are the names tfjs gives the layers: the `name` config, else tfjs's own
 * auto name `<snake_class>_<Class><n>` (`conv2d_Conv2D1`), counted per class in
 * construction order as in a fresh process that builds this file's models.
 */
import type { Node, Tree } from '@vscode/tree-sitter-wasm';
import type { Shape } from '../../engine/types';
import type { FileAnalysis, Finding } from '../../engine/report';
import { JsEvaluator } from './jsEvaluator';
import { BudgetExceeded } from './jsHost';
import { Scope } from './jsScope';
import type { JsFunction, JsValue } from './jsValues';
import { unknown } from './jsValues';
import { TfjsSession } from './tfjsSession';
import { buildModelReports, collectFindings } from './tfjsReport';
import { defaultStepBudget, defaultTimeBudgetMs } from '../analysisLimits';
import type { ImportContext } from '../sourceFiles';
import { bindImports, LocalModules } from './jsImports';
import type { ScriptParser } from './scriptFiles';
import { trimScriptCache } from './scriptFiles';

export interface TfjsAnalyzeOptions {
  /** Not used yet: tfjs models declare their input (`inputShape`, `tf.input`). */
  readonly defaultInputShape?: Shape;
  /** Evaluation steps for the whole file before giving up on runaway loops or recursion. */
  readonly stepBudget?: number;
  /** Wall time for the whole file's evaluation, in milliseconds. */
  readonly timeBudgetMs?: number;
  /** Where the file's local imports (`./model`) are read from; without it they are not followed. */
  readonly imports?: ImportContext;
  /** Parses an imported module; with `imports`, local modules are followed. */
  readonly parseScript?: ScriptParser;
}

/** A file that imports a local module may build its models there. */
const localImport = /\bfrom\s*['"]\.{1,2}\/|\brequire\(\s*['"]\.{1,2}\//;

/** An export list (`export { f }`, `module.exports = { f }`) names a function without calling it. */
function isExportList(node: Node): boolean {
  if (node.type === 'export_clause') return true;
  if (node.type !== 'assignment_expression') return false;
  const left = node.childForFieldName('left')?.text ?? '';
  return left === 'module.exports' || left.startsWith('exports.') || left.startsWith('module.exports.');
}

/** How often each identifier occurs in a subtree, outside export lists (an explicit stack: any depth). */
function identifierCounts(root: Node): Map<string, number> {
  const counts = new Map<string, number>();
  const stack = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (isExportList(node)) continue;
    if (node.type === 'identifier' || node.type === 'shorthand_property_identifier') counts.set(node.text, (counts.get(node.text) ?? 0) + 1);
    for (const child of node.namedChildren) if (child) stack.push(child);
  }
  return counts;
}

/** Top-level functions: declarations, `const f = () => ...`, `export default function`. */
function topLevelFunctions(program: Node, scope: Scope): { name: string; fn: JsFunction }[] {
  const found: { name: string; fn: JsFunction }[] = [];
  for (const statement of program.namedChildren) {
    if (!statement) continue;
    const inner = statement.type === 'export_statement' ? (statement.childForFieldName('declaration') ?? statement.childForFieldName('value')) : statement;
    if (!inner) continue;
    if (inner.type === 'function_declaration') {
      const name = inner.childForFieldName('name')?.text ?? '';
      const fn = scope.lookup(name);
      if (typeof fn === 'object' && fn !== null && fn.kind === 'function') found.push({ name, fn });
    } else if (inner.type === 'lexical_declaration' || inner.type === 'variable_declaration') {
      for (const declarator of inner.namedChildren) {
        const name = declarator?.childForFieldName('name');
        if (name?.type !== 'identifier') continue;
        const fn = scope.lookup(name.text);
        if (typeof fn === 'object' && fn !== null && fn.kind === 'function') found.push({ name: name.text, fn });
      }
    } else if (inner.type === 'arrow_function' || inner.type === 'function_expression' || inner.type === 'function') {
      found.push({ name: '', fn: { kind: 'function', name: 'default', node: inner, closure: scope } });
    }
  }
  return found;
}

/**
 * Functions to run after the top-level code: those no other function uses
 * (`export function build()`, an event handler). Helpers are not entries: they run with
 * their real arguments from their callers (a helper no entry reaches is not followed).
 */
function entryPoints(program: Node, scope: Scope): JsFunction[] {
  const functions = topLevelFunctions(program, scope);
  const bodies = functions.map((f) => identifierCounts(f.fn.node));
  const usedByOthers = (name: string, self: number): boolean => name !== '' && bodies.some((ids, i) => i !== self && ids.has(name));
  return functions.filter((f, i) => !usedByOthers(f.name, i)).map((f) => f.fn);
}

/**
 * Arguments for an entry point: a parameter named `tf` (or typed `typeof tf`) is the library;
 * one with a default takes it (undefined lets the call evaluate it); any other is unknown, not
 * `undefined`: nobody passed it, and what depends on it must not be reported as wrong.
 */
function entryArguments(fn: JsFunction): JsValue[] {
  const params = fn.node.childForFieldName('parameters');
  return (params?.namedChildren ?? []).map((param) => {
    const pattern = param?.childForFieldName('pattern') ?? param;
    const type = param?.childForFieldName('type')?.text ?? '';
    if (pattern?.text === 'tf' || /typeof\s+tf\b/.test(type)) return { kind: 'ns', path: 'tf' };
    if (param?.childForFieldName('value')) return undefined;
    return unknown(`the parameter '${pattern?.text ?? '?'}' of ${fn.name}() (nothing in the file calls it)`);
  });
}

/** Analyzes a TF.js model file (TypeScript or JavaScript) without running it. */
export function analyzeTfjs(tree: Tree, source: string, language: 'typescript' | 'javascript', options: TfjsAnalyzeOptions = {}): FileAnalysis {
  // Most TS/JS files in a workspace are not models: do not evaluate them at all.
  if (!/@tensorflow\/tfjs|\btf\.(sequential|model|layers)\b/.test(source) && !localImport.test(source)) return { language, models: [], diagnostics: [] };
  const session = new TfjsSession();
  const evaluator = new JsEvaluator(session, { steps: options.stepBudget ?? defaultStepBudget, timeMs: options.timeBudgetMs ?? defaultTimeBudgetMs });
  session.invoke = (fn, args, site) => evaluator.callValue(fn, args, site);
  session.homeTree = tree;
  evaluator.homeTree = tree;
  const program = tree.rootNode;
  const scope = new Scope(null);
  const { imports, parseScript } = options;
  const modules = new LocalModules(evaluator, imports && parseScript ? { filePath: imports.filePath, files: imports.files, parse: parseScript } : undefined);
  // Each top-level statement and entry point runs guarded: what one of them throws becomes
  // an info there, and the rest of the file is still evaluated; once the one budget is
  // spent, nothing more runs.
  const run = (site: Node, what: () => void): void => {
    if (evaluator.budgetSpent) return;
    try {
      what();
    } catch (error) {
      if (error instanceof BudgetExceeded) {
        session.note(site, `Conv Inspector stopped here: the analysis budget ran out; the rest of the file is not analysed (partial result)`);
      } else session.note(site, `Conv Inspector could not interpret this statement (${error instanceof Error ? error.message : String(error)})`);
    }
  };
  run(program, () => bindImports(program, scope, modules, imports?.filePath ?? ''));
  const statements = program.namedChildren.filter((c): c is Node => c !== null);
  evaluator.hoistAll(statements, scope);
  for (const statement of statements) run(statement, () => evaluator.exec(statement, scope));
  for (const fn of entryPoints(program, scope)) {
    if (evaluator.calledFunctions.has(fn.node.id)) continue;
    run(fn.node, () => evaluator.callFunction(fn, entryArguments(fn)));
  }
  trimScriptCache();
  const diagnostics: Finding[] = collectFindings(session);
  const models = buildModelReports(session);
  return evaluator.budgetSpent ? { language, models, diagnostics, partial: true } : { language, models, diagnostics };
}
