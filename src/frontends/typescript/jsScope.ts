/** Lexical scopes of the static JS evaluator (function scope and block scope alike). */
import type { JsValue } from './jsValues';

export class Scope {
  private readonly vars = new Map<string, JsValue>();

  constructor(readonly parent: Scope | null) {}

  /** Declares `name` in this scope (`const`, `let`, `var`, parameters, function declarations). */
  declare(name: string, value: JsValue): void {
    this.vars.set(name, value);
  }

  /** The nearest scope (this one or an ancestor) that declares `name`. */
  private owner(name: string): Scope | null {
    if (this.vars.has(name)) return this;
    return this.parent ? this.parent.owner(name) : null;
  }

  /** Assigns to the nearest scope that declares `name` (or declares it here, like sloppy JS). */
  assign(name: string, value: JsValue): void {
    (this.owner(name) ?? this).vars.set(name, value);
  }

  has(name: string): boolean {
    return this.owner(name) !== null;
  }

  lookup(name: string): JsValue | undefined {
    return this.owner(name)?.vars.get(name);
  }
}
