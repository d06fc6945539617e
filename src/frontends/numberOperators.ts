/**
 * Operators that Python and JavaScript apply to numbers (and, for ordering, to strings)
 * alike, chosen by their operator text, for the constant folding of both front ends. One
 * implementation serves the Python and TypeScript evaluators, which must not import each
 * other; each evaluator keeps the operators whose rules differ (`/`, `//`, `%`, `**`, `+`).
 */

/**
 * `a <op> b` for an ordering operator (`<`, `<=`, `>`, `>=`); undefined when `op` is not
 * one. Both operands are numbers or both are strings.
 */
export function compareOrdered(op: string, a: number | string, b: number | string): boolean | undefined {
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    default:
      return undefined;
  }
}

/**
 * `a <op> b` for a bitwise or shift operator (`&`, `|`, `^`, `<<`, `>>`, `>>>`) with
 * JavaScript's 32-bit integer semantics; undefined when `op` is not one.
 */
export function bitwiseOperation(op: string, a: number, b: number): number | undefined {
  switch (op) {
    case '&':
      return a & b;
    case '|':
      return a | b;
    case '^':
      return a ^ b;
    case '<<':
      return a << b;
    case '>>':
      return a >> b;
    case '>>>':
      return a >>> b;
    default:
      return undefined;
  }
}
