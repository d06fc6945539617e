/**
 * Name resolution for the interpreter: a function's locals, then the enclosing
 * functions' (closures), then the module's globals. Class bodies get their own scope
 * that methods do not see, as in Python. A name an import binds may be lazy: its value is
 * computed (its module run) when the name is first looked up.
 */
import type { Value } from './values';
import { unknown } from './values';

/**
 * A name bound by an import in an imported module, resolved on first use: importing a
 * package does not run every module it imports.
 */
export interface LazyBinding {
  readonly resolve: () => Value;
  /** Set while resolving: a cyclic import sees the name as not yet defined, as in Python. */
  resolving: boolean;
}

export class Scope {
  private readonly vars = new Map<string, Value>();
  /** Names bound by imports and not used yet (imported modules only). */
  private lazy: Map<string, LazyBinding> | undefined;

  /**
   * @param parent the enclosing function or module scope; null for the module itself.
   * @param isClassBody a class body's names are not visible to the methods defined in it.
   */
  constructor(
    public parent: Scope | null,
    readonly isClassBody = false,
  ) {}

  /** The value bound to `name` here or in an enclosing scope. */
  lookup(name: string): Value | undefined {
    const value = this.vars.get(name);
    if (value !== undefined || this.vars.has(name)) return value;
    if (this.lazy !== undefined && this.lazy.has(name)) return this.resolveLazy(name, this.lazy.get(name)!);
    return this.parent ? this.parent.lookup(name) : undefined;
  }

  /**
   * The value bound to `name` in this scope itself (an imported module's global), resolving a
   * lazy binding; undefined for a binding being resolved (`from pkg import sub` inside pkg).
   */
  lookupOwn(name: string): Value | undefined {
    const value = this.vars.get(name);
    if (value !== undefined || this.vars.has(name)) return value;
    const binding = this.lazy?.get(name);
    return binding && !binding.resolving ? this.resolveLazy(name, binding) : undefined;
  }

  /**
   * Binds `name` to a value computed on first use. `keepValue`: a name already bound to a
   * value keeps it (a star import's names are known from the text only, and in a cycle they
   * may name what the other module does not define yet).
   */
  setLazy(name: string, binding: LazyBinding, keepValue = false): void {
    if (keepValue && this.vars.has(name)) return;
    this.vars.delete(name);
    (this.lazy ??= new Map()).set(name, binding);
  }

  private resolveLazy(name: string, binding: LazyBinding): Value {
    if (binding.resolving) return unknown(`the name '${name}' (its module is still being imported: a cyclic import)`);
    binding.resolving = true;
    try {
      const value = binding.resolve();
      // Kept unless the resolution rebound the name meanwhile.
      if (this.lazy?.get(name) === binding) {
        this.lazy.delete(name);
        this.vars.set(name, value);
      }
      return value;
    } finally {
      binding.resolving = false;
    }
  }

  /** Like `lookup`, but a name bound by an import that was not used yet stays unresolved (undefined): nothing runs. */
  peek(name: string): Value | undefined {
    const value = this.vars.get(name);
    if (value !== undefined || this.vars.has(name)) return value;
    return this.parent ? this.parent.peek(name) : undefined;
  }

  /** A nested scope (comprehensions, function bodies) that sees this one. */
  child(): Scope {
    return new Scope(this);
  }

  /** Binds `name` in this scope (Python assignment makes a local). */
  set(name: string, value: Value): void {
    this.vars.set(name, value);
    if (this.lazy !== undefined) this.lazy.delete(name);
  }

  /** `del name`. */
  delete(name: string): void {
    this.vars.delete(name);
  }

  has(name: string): boolean {
    return this.vars.has(name) || (this.lazy !== undefined && this.lazy.has(name));
  }

  /** A copy of this scope's own bindings, to run one branch of an undecided `if` and come back. */
  snapshot(): Map<string, Value> {
    return new Map(this.vars);
  }

  /** Puts back the bindings a snapshot holds (and only those). */
  restore(bindings: ReadonlyMap<string, Value>): void {
    this.vars.clear();
    for (const [name, value] of bindings) this.vars.set(name, value);
  }

  /** The names bound in this scope, in binding order. */
  entries(): IterableIterator<[string, Value]> {
    return this.vars.entries();
  }
}
