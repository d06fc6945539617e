/** Constant folding of JS operators over evaluator values (unknown operands stay unknown). */
import type { JsValue } from './jsValues';
import { isUnknown, unknown } from './jsValues';
import { bitwiseOperation, compareOrdered } from '../numberOperators';
import { boundedText } from './jsSizeLimits';

type Primitive = number | string | boolean | null | undefined;

function isPrimitive(value: JsValue): value is Primitive {
  return value === null || typeof value !== 'object';
}

/** `left <operator> right` for arithmetic, comparison and equality operators. */
export function binaryOperation(operator: string, left: JsValue, right: JsValue): JsValue {
  if (isUnknown(left)) return left;
  if (isUnknown(right)) return right;
  if (operator === '===' || operator === '==') return left === right;
  if (operator === '!==' || operator === '!=') return left !== right;
  if (!isPrimitive(left) || !isPrimitive(right)) return unknown(`operator ${operator} on objects`);
  const a = left as number;
  const b = right as number;
  switch (operator) {
    case '+':
      if (typeof left === 'string' || typeof right === 'string') {
        const [leftText, rightText] = [String(left), String(right)];
        return boundedText(leftText.length + rightText.length) ?? leftText + rightText;
      }
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
    case '%':
      return a % b;
    case '**':
      return a ** b;
    default:
      return compareOrdered(operator, a, b) ?? bitwiseOperation(operator, a, b) ?? unknown(`operator ${operator}`);
  }
}

export function unaryOperation(operator: string, value: JsValue): JsValue {
  if (operator === 'typeof') {
    if (isUnknown(value)) return value;
    if (value === null) return 'object';
    if (typeof value === 'object') return value.kind === 'function' || value.kind === 'builtin' ? 'function' : 'object';
    return typeof value;
  }
  if (isUnknown(value)) return value;
  if (operator === '!') return typeof value === 'object' && value !== null ? false : !value;
  if (!isPrimitive(value)) return unknown(`operator ${operator} on an object`);
  switch (operator) {
    case '-':
      return -(value as number);
    case '+':
      return +(value as number);
    case '~':
      return ~(value as number);
    case 'void':
      return undefined;
    default:
      return unknown(`operator ${operator}`);
  }
}
