/**
 * Decorators on `def` and `class`, applied innermost first as Python does. The method
 * flavours (`@staticmethod`, `@classmethod`, `@property` and its `.setter`) mark the
 * function; a decorator the interpreter can run (a user function, `@dataclass`,
 * `functools.wraps`) is called; one it cannot follow (an unknown library's, `torch.jit.*`)
 * leaves the definition as it is, so the function stays usable instead of unknown.
 */
import type { AnalysisContext } from './context';
import type { PyNode } from './syntax';
import { textOf } from './syntax';
import type { Value } from './values';
import { isObject, isUnknown } from './values';

/** Dotted paths of decorators the standard-library calls know how to apply (stdlibCalls.ts). */
const knownDecoratorPaths = /^(dataclasses\.dataclass|functools\.(wraps|lru_cache|cache|cached_property|total_ordering)|typing\.(final|overload|no_type_check))$/;

const flavors: Readonly<Record<string, 'static' | 'class' | 'property'>> = { staticmethod: 'static', classmethod: 'class', property: 'property' };

/** How the decorators are evaluated and called (passed in: the interpreter's recursion stays in statements.ts). */
export interface DecoratorInterpreter {
  evaluate(expression: PyNode): Value;
  call(decorator: Value, decorated: Value, site: PyNode): Value;
}

/** Whether calling `decorator` is something the interpreter can follow. */
function followable(decorator: Value): boolean {
  if (!isObject(decorator)) return false;
  if (decorator.kind === 'ns') return knownDecoratorPaths.test(decorator.path);
  return decorator.kind === 'function' || decorator.kind === 'bound' || decorator.kind === 'builtin' || decorator.kind === 'class';
}

/**
 * Applies the decorators of a decorated definition to `defined` (the function or class the
 * definition just bound), `previous` being what the name held before (for `@x.setter`).
 */
export function applyDecorators(context: AnalysisContext, node: PyNode, defined: Value, previous: Value | undefined, interpreter: DecoratorInterpreter): Value {
  let value = defined;
  const decorators = node.children.filter((child) => child.type === 'decorator');
  for (let index = decorators.length - 1; index >= 0; index--) {
    const decorator = decorators[index];
    const text = textOf(context.syntax, decorator).replace(/^@\s*/, '');
    const flavor = flavors[text];
    if (flavor) {
      if (isObject(value) && value.kind === 'function') value.flavor = flavor;
      continue;
    }
    // `@name.setter` / `.deleter` defines the setter of the property `name`: the getter stays.
    if (/\.(setter|deleter)$/.test(text) && previous !== undefined) {
      value = previous;
      continue;
    }
    const expression = decorator.children[0];
    if (!expression) continue;
    // An unfollowable decorator expression must not bring infos of its own: the definition stays usable.
    let decorated: Value | undefined;
    const findings = context.collectFindings(() => {
      const applied = interpreter.evaluate(expression);
      if (followable(applied)) decorated = interpreter.call(applied, value, expression);
    });
    for (const finding of findings) if (finding.code !== 'unsupported') context.report(finding.range, finding.severity, finding.code, finding.message);
    if (decorated !== undefined && !isUnknown(decorated)) value = decorated;
  }
  return value;
}
