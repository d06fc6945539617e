/**
 * Where a tensor operation reports what it finds wrong: the expression's text for messages,
 * and an error at the expression's range. Depends on no evaluator module, so the tensor
 * methods and the library plug-ins can take an OpSite without joining the evaluator's
 * import cycle.
 */
import type { AnalysisContext } from './context';
import type { PyNode } from './syntax';
import { textOf } from './syntax';
import type { OpSite } from './tensorOps';
import { makeTensor } from './tensorOps';
import type { PyTensor, TrueDivision } from './values';

/** An OpSite for errors found while evaluating `node`. */
export function opSite(context: AnalysisContext, node: PyNode): OpSite {
  return {
    text: () => textOf(context.syntax, node),
    error: (message: string, from: readonly PyTensor[] = []): PyTensor => {
      context.report(node.range, 'error', 'torch.runtime', message);
      return makeTensor(null, from);
    },
    division: (): TrueDivision => ({
      text: textOf(context.syntax, node),
      node,
      line: context.syntax === context.fileSyntax ? node.range.start.line + 1 : null,
    }),
  };
}
