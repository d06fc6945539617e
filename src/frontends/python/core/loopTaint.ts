/**
 * A loop the interpreter cannot run (`for b in itertools.islice(blocks, n)`, a `while` on an
 * unknown condition) is skipped, but the values its body would have changed must not keep
 * their values from before the loop: `outs.append(block(x))` in the body leaves `outs` one
 * item short, a later `torch.cat(outs, 1)` gets the wrong channels, and the file gets an
 * error PyTorch never raises. So everything the body assigns (names, attributes, items) and
 * every object it mutates through a method (`append`, `extend`, `update`, ...) becomes
 * unknown. Nested function and class bodies are not walked: the loop does not run them.
 */
import type { AnalysisContext } from './context';
import { setAttribute } from './attributes';
import { evaluate } from './evaluate';
import type { Scope } from './scope';
import type { PyNode } from './syntax';
import { field, fields, textOf } from './syntax';
import { unknown } from './values';

/** Methods that change their receiver in place (list, dict, set, nn.ModuleList/ModuleDict, nn.Module). */
const mutatingMethods = new Set([
  'append',
  'extend',
  'insert',
  'pop',
  'remove',
  'clear',
  'update',
  'setdefault',
  'add',
  'discard',
  'add_module',
  'register_module',
  'register_buffer',
  'register_parameter',
]);

/** Definitions whose bodies the loop only defines, never runs. */
const notRun = new Set(['function_definition', 'class_definition', 'lambda']);

/** Makes what a skipped loop would have changed unknown; `loop` is the for or while statement. */
export function taintSkippedLoop(context: AnalysisContext, loop: PyNode, scope: Scope, reason: string): void {
  const value = unknown(reason);
  const taint = (target: PyNode): void => {
    switch (target.type) {
      case 'identifier':
        scope.set(textOf(context.syntax, target), value);
        return;
      case 'attribute': {
        const object = field(target, 'object');
        // Only a plain path (`self.feats`) is evaluated: evaluating a call here would run it.
        if (object && isPlainPath(object)) setAttribute(context, evaluate(context, object, scope), textOf(context.syntax, field(target, 'attribute')!), value);
        return;
      }
      case 'subscript': {
        const container = field(target, 'value');
        if (container) taint(container);
        return;
      }
      case 'list_splat_pattern':
      case 'parenthesized_expression':
      case 'tuple_pattern':
      case 'list_pattern':
      case 'pattern_list':
      case 'tuple':
      case 'list':
      case 'expression_list':
        for (const child of target.children) taint(child);
        return;
      default:
        return;
    }
  };
  const visit = (node: PyNode): void => {
    if (notRun.has(node.type)) return;
    switch (node.type) {
      case 'assignment':
      case 'augmented_assignment':
      case 'for_statement': {
        const left = field(node, 'left');
        if (left) taint(left);
        break;
      }
      case 'named_expression': {
        const name = field(node, 'name');
        if (name) taint(name);
        break;
      }
      case 'call': {
        const callee = field(node, 'function');
        if (callee?.type === 'attribute' && mutatingMethods.has(textOf(context.syntax, field(callee, 'attribute')!))) {
          const receiver = field(callee, 'object');
          if (receiver) taint(receiver);
        }
        break;
      }
      default:
        break;
    }
    for (const child of node.children) visit(child);
  };
  for (const part of [...fields(loop, 'left'), ...fields(loop, 'body')]) visit(part);
}

/** `name` or `name.attr.attr`: evaluating it runs nothing. */
function isPlainPath(node: PyNode): boolean {
  if (node.type === 'identifier') return true;
  const object = field(node, 'object');
  return node.type === 'attribute' && object !== undefined && isPlainPath(object);
}
