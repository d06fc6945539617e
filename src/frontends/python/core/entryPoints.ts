/**
 * Functions nothing in the file calls (`main()`, `test()`, `demo()`, a `case_...()` per
 * configuration, a builder with parameters): the analysis runs them after the module-level
 * code, as entry points, so that their models, inputs and errors are seen. A parameter
 * without a default is then unknown (calls.ts binds it so), never `None`.
 */
import type { AnalysisContext } from './context';
import type { Scope } from './scope';
import type { PyNode } from './syntax';
import { isImportedNode, textOf } from './syntax';
import type { PyFunction } from './values';
import { isObject } from './values';

/** How often each identifier occurs in the file (a definition's own name counts once). */
function identifierCounts(context: AnalysisContext, root: PyNode): Map<string, number> {
  const counts = new Map<string, number>();
  const pending = [root];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.type === 'identifier') {
      const name = textOf(context.syntax, node);
      counts.set(name, (counts.get(name) ?? 0) + 1);
    } else {
      for (const child of node.children) pending.push(child);
    }
  }
  return counts;
}

/**
 * The module-level functions whose name occurs nowhere but in their own `def` (so no code of
 * the file calls, passes or stores them), in definition order.
 */
export function uncalledFunctions(context: AnalysisContext, globals: Scope): PyFunction[] {
  const functions: PyFunction[] = [];
  for (const [name, value] of globals.entries()) {
    // Built-ins have no place in the file (negative lines); a name rebound to another function is not this one.
    // Imported functions are not the file's own: only its own are entry points.
    if (isObject(value) && value.kind === 'function' && value.name === name && value.node.range.start.line >= 0 && !isImportedNode(value.node)) functions.push(value);
  }
  if (functions.length === 0) return [];
  const counts = identifierCounts(context, context.syntax.root);
  return functions.filter((fn) => counts.get(fn.name) === 1).sort((a, b) => a.node.start - b.node.start);
}
