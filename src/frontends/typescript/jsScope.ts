/** Lexical scopes of the static JS evaluator (function scope and block scope alike). */
import type { JsValue } from './jsValues';

export class Scope {
  private readonly vars = new Map<string, JsValue>();

  constructor(readonly parent: Scope | null) {}

  /** Declares `name` in this scope (`const`, `let`, `var`, parameters, function declarations). */
  declare(name: string, value: JsValue): void {
    this.vars.set(name, value);
  }

  /** Assigns to the nearest scope that declares `name` (or declares it here, like sloppy JS). */
  assign(name: string, value: JsValue): void {
    for (let scope: Scope | null = this; scope; scope = scope.parent) {
      if (scope.vars.has(name)) {
        scope.vars.set(name, value);
        return;
      }
    }
    this.vars.set(name, value);
  }

  has(name: string): boolean {
    for (let scope: Scope | null = this; scope; scope = scope.parent) if (scope.vars.has(name)) return true;
    return false;
  }

  lookup(name: string): JsValue | undefined {
    for (let scope: Scope | null = this; scope; scope = scope.parent) {
      if (scope.vars.has(name)) return scope.vars.get(name);
    }
    return undefined;
  }
}
