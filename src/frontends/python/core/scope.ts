/**
 * Name resolution for the interpreter: a function's locals, then the enclosing
 * functions' (closures), then the module's globals. Class bodies get their own scope
 * that methods do not see, as in Python.
 */
import type { Value } from './values';

export class Scope {
  private readonly vars = new Map<string, Value>();

  /**
   * @param parent the enclosing function or module scope; null for the module itself.
   * @param isClassBody a class body's names are not visible to the methods defined in it.
   */
  constructor(
    readonly parent: Scope | null,
    readonly isClassBody = false,
  ) {}

  /** The value bound to `name` here or in an enclosing scope. */
  lookup(name: string): Value | undefined {
    const value = this.vars.get(name);
    if (value !== undefined || this.vars.has(name)) return value;
    return this.parent ? this.parent.lookup(name) : undefined;
  }

  /** A nested scope (comprehensions, function bodies) that sees this one. */
  child(): Scope {
    return new Scope(this);
  }

  /** Binds `name` in this scope (Python assignment makes a local). */
  set(name: string, value: Value): void {
    this.vars.set(name, value);
  }

  /** `del name`. */
  delete(name: string): void {
    this.vars.delete(name);
  }

  has(name: string): boolean {
    return this.vars.has(name);
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
