/**
 * The `Disposable` base of the house style: every object that registers something owns
 * it through `_register`, and disposing the owner disposes all of it, in reverse order.
 */

/** Anything with a `dispose()` (vscode.Disposable fits without importing vscode here). */
export interface DisposableLike {
  dispose(): unknown;
}

export abstract class Disposable implements DisposableLike {
  private readonly registered: DisposableLike[] = [];
  private disposed = false;

  protected get isDisposed(): boolean {
    return this.disposed;
  }

  /** Takes ownership of `value`; disposed right away when the owner already is. */
  protected _register<T extends DisposableLike>(value: T): T {
    if (this.disposed) {
      value.dispose();
    } else {
      this.registered.push(value);
    }
    return value;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    // Reverse order: later registrations may depend on earlier ones.
    while (this.registered.length > 0) {
      try {
        this.registered.pop()?.dispose();
      } catch (error) {
        console.error('[conv-inspector] dispose failed', error);
      }
    }
  }
}
