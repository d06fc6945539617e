/**
 * Running an imported module's top-level code, once, the first time one of its names is
 * used: parsed without touching the analysed file's kept statements, interpreted with the
 * analysis's step and time budget, its globals kept for every later analysis. What the
 * interpreter notes while running a library's top level (conditions it cannot decide, calls
 * it does not follow) is about that library, not the analysed file, and is not reported.
 */
import { performance } from 'node:perf_hooks';
import type { Tree } from '@vscode/tree-sitter-wasm';
import type { AnalysisContext } from '../core/context';
import { BudgetExceeded } from '../core/context';
import type { PySyntax } from '../core/syntax';
import { convertTree } from '../core/syntax';
import { Scope } from '../core/scope';
import { execStatement } from '../core/statements';
import type { ModuleRecord } from './moduleCache';

export interface ModuleRunEvents {
  /** The module's code is parsed: its import statements resolve from its own folder. */
  readonly parsed: (syntax: PySyntax) => void;
  /** The budget ran out in the middle of its code: the record must not be kept. */
  readonly stopped: () => void;
}

/** Runs the module of `record` (its state goes from `unloaded` through `running` to `done`). */
export function runModule(context: AnalysisContext, record: ModuleRecord, builtins: Scope, parse: (text: string) => Tree | undefined, events: ModuleRunEvents): void {
  record.state = 'running';
  const scope = new Scope(builtins);
  record.scope = scope;
  scope.set('__name__', record.module.name);
  scope.set('__file__', record.module.file ?? null);
  const parseStarted = performance.now();
  const tree = record.module.file === undefined ? undefined : parse(record.text);
  if (!tree) {
    record.state = 'done';
    return;
  }
  let syntax: PySyntax;
  try {
    syntax = convertTree(tree, record.text, { imported: true });
  } finally {
    tree.delete();
  }
  // Reading a library is not interpreting the file: the budget is for the interpretation.
  context.excludeTime(performance.now() - parseStarted);
  record.syntax = syntax;
  events.parsed(syntax);
  try {
    context.collectFindings(() => {
      context.inFile(syntax, null, () => {
        for (const statement of syntax.root.children) {
          try {
            execStatement(context, statement, scope);
          } catch (error) {
            // A statement the interpreter fails on leaves its names undefined, as an import error would.
            if (error instanceof BudgetExceeded) throw error;
          }
        }
      });
    });
  } catch (error) {
    events.stopped();
    throw error;
  } finally {
    record.state = 'done';
  }
}
