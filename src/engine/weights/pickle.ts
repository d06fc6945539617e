/**
 * A restricted unpickler for PyTorch `data.pkl`: it understands the opcodes a pickled
 * state_dict uses and builds plain data from them. Globals are looked up in the fixed
 * allow-list of *descriptions* (never code) in pickleGlobals.ts: anything else, such as
 * `os.system` or `builtins.eval`, stops the load with an error naming it. Nothing is
 * ever executed.
 */
import { callGlobal, lookupGlobal, persistentLoad, refuse } from './pickleGlobals';

/** A Python dict (insertion-ordered). */
export type PickleDict = Map<unknown, unknown>;

const MARK = Symbol('mark');

/** Unpickles `data.pkl` of a PyTorch checkpoint into plain values (Map for dicts, arrays for tuples/lists, TensorRef). */
export function restrictedUnpickle(bytes: Uint8Array): unknown {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const stack: unknown[] = [];
  const memo = new Map<number, unknown>();
  const decoder = new TextDecoder('utf-8');
  let pos = 0;
  const need = (n: number): number => {
    if (pos + n > bytes.length) refuse('data.pkl ends in the middle of an instruction (truncated?)');
    const at = pos;
    pos += n;
    return at;
  };
  const u8 = (): number => bytes[need(1)];
  const u16 = (): number => view.getUint16(need(2), true);
  const u32 = (): number => view.getUint32(need(4), true);
  const text = (n: number): string => decoder.decode(bytes.subarray(need(n), pos));
  const line = (): string => {
    const end = bytes.indexOf(0x0a, pos);
    if (end < 0) refuse('unterminated text line');
    const value = decoder.decode(bytes.subarray(pos, end));
    pos = end + 1;
    return value;
  };
  const pop = (): unknown => (stack.length ? stack.pop() : refuse('stack underflow'));
  const popMark = (): unknown[] => {
    const at = stack.lastIndexOf(MARK);
    if (at < 0) refuse('missing MARK');
    const items = stack.splice(at);
    items.shift();
    return items;
  };
  const top = (): unknown => (stack.length ? stack[stack.length - 1] : refuse('stack underflow'));
  const setItems = (target: unknown, items: unknown[]): void => {
    if (!(target instanceof Map)) refuse('SETITEM on something that is not a dict');
    for (let i = 0; i + 1 < items.length; i += 2) target.set(items[i], items[i + 1]);
  };
  while (pos < bytes.length) {
    const op = u8();
    switch (op) {
      case 0x80:
        u8();
        break; // PROTO
      case 0x95:
        need(8);
        break; // FRAME
      case 0x2e:
        return pop(); // STOP
      case 0x28:
        stack.push(MARK);
        break;
      case 0x7d:
        stack.push(new Map());
        break; // EMPTY_DICT
      case 0x5d:
        stack.push([]);
        break; // EMPTY_LIST
      case 0x29:
        stack.push([]);
        break; // EMPTY_TUPLE
      case 0x4e:
        stack.push(null);
        break; // NONE
      case 0x88:
        stack.push(true);
        break;
      case 0x89:
        stack.push(false);
        break;
      case 0x4b:
        stack.push(u8());
        break; // BININT1
      case 0x4d:
        stack.push(u16());
        break; // BININT2
      case 0x4a:
        stack.push(view.getInt32(need(4), true));
        break; // BININT
      case 0x8a: {
        // LONG1
        const n = u8();
        const at = need(n);
        let value = 0n;
        for (let i = n - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[at + i]);
        if (n > 0 && bytes[at + n - 1] & 0x80) value -= 1n << BigInt(8 * n);
        stack.push(Number(value));
        break;
      }
      case 0x47:
        stack.push(view.getFloat64(need(8), false));
        break; // BINFLOAT (big-endian)
      case 0x58:
        stack.push(text(u32()));
        break; // BINUNICODE
      case 0x8c:
        stack.push(text(u8()));
        break; // SHORT_BINUNICODE
      case 0x8d: {
        const n = Number(view.getBigUint64(need(8), true));
        stack.push(text(n));
        break;
      } // BINUNICODE8
      case 0x55:
        stack.push(text(u8()));
        break; // SHORT_BINSTRING
      case 0x54:
        stack.push(text(u32()));
        break; // BINSTRING
      case 0x43: {
        const n = u8();
        stack.push(bytes.slice(need(n), pos));
        break;
      } // SHORT_BINBYTES
      case 0x42: {
        const n = u32();
        stack.push(bytes.slice(need(n), pos));
        break;
      } // BINBYTES
      case 0x71:
        memo.set(u8(), top());
        break; // BINPUT
      case 0x72:
        memo.set(u32(), top());
        break; // LONG_BINPUT
      case 0x94:
        memo.set(memo.size, top());
        break; // MEMOIZE
      case 0x68:
      case 0x6a: {
        // BINGET / LONG_BINGET
        const key = op === 0x68 ? u8() : u32();
        if (!memo.has(key)) refuse(`memo key ${key} missing`);
        stack.push(memo.get(key));
        break;
      }
      case 0x74:
        stack.push(popMark());
        break; // TUPLE
      case 0x85:
        stack.push([pop()]);
        break;
      case 0x86: {
        const b = pop();
        stack.push([pop(), b]);
        break;
      }
      case 0x87: {
        const c = pop();
        const b = pop();
        stack.push([pop(), b, c]);
        break;
      }
      case 0x6c:
        stack.push(popMark());
        break; // LIST
      case 0x64: {
        const items = popMark();
        const dict = new Map();
        setItems(dict, items);
        stack.push(dict);
        break;
      } // DICT
      case 0x61: {
        const value = pop();
        const list = top();
        if (!Array.isArray(list)) refuse('APPEND to a non-list');
        list.push(value);
        break;
      }
      case 0x65: {
        const items = popMark();
        const list = top();
        if (!Array.isArray(list)) refuse('APPENDS to a non-list');
        // One by one: spreading 100,000+ items into push() overflows the call stack.
        for (const item of items) list.push(item);
        break;
      }
      case 0x73: {
        const value = pop();
        const key = pop();
        setItems(top(), [key, value]);
        break;
      } // SETITEM
      case 0x75: {
        const items = popMark();
        setItems(top(), items);
        break;
      } // SETITEMS
      case 0x30:
        pop();
        break; // POP
      case 0x31:
        popMark();
        break; // POP_MARK
      case 0x32:
        stack.push(top());
        break; // DUP
      case 0x63: {
        const module = line();
        stack.push(lookupGlobal(module, line()));
        break;
      } // GLOBAL
      case 0x93: {
        const name = pop();
        const module = pop();
        stack.push(lookupGlobal(String(module), String(name)));
        break;
      } // STACK_GLOBAL
      case 0x52: {
        const args = pop();
        stack.push(callGlobal(pop(), args));
        break;
      } // REDUCE
      case 0x81: {
        const args = pop();
        stack.push(callGlobal(pop(), args));
        break;
      } // NEWOBJ
      case 0x62:
        pop();
        break; // BUILD: state of an OrderedDict (its _metadata) is not needed
      case 0x51:
        stack.push(persistentLoad(pop()));
        break; // BINPERSID
      default:
        refuse(`pickle opcode 0x${op.toString(16)} ('${String.fromCharCode(op)}') at byte ${pos - 1} is not allowed in a state_dict`);
    }
  }
  return refuse('data.pkl has no STOP instruction (truncated?)');
}
