/**
 * Binds a Keras layer constructor call (`layers.Conv2D(32, 3, strides=2)`) to the engine's
 * snake_case arguments, by the positional order of Keras 3's signatures (`signatures.ts`),
 * with Python's own errors for a wrong call. For the Keras (Python) front end.
 */
import type { ArgValue, BoundArgs, EngineIssue } from '../types';
import { canonicalTfKind, tfSignature } from './signatures';

export interface KerasBinding {
  readonly args: BoundArgs;
  readonly issues: EngineIssue[];
}

/** Positional then keyword arguments -> named arguments (defaults are filled by `constructTfLayer`). */
export function bindKerasArgs(kind: string, positional: readonly ArgValue[], keywords: Readonly<Record<string, ArgValue>>): KerasBinding {
  const signature = tfSignature(kind);
  const className = canonicalTfKind(kind) ?? kind;
  if (!signature) return { args: { ...keywords }, issues: [] };
  const issues: EngineIssue[] = [];
  const args: Record<string, ArgValue> = {};
  const names = signature.params.map((p) => p.name);
  if (positional.length > names.length) {
    // The signatures list the shape-relevant parameters only (not initializers, ...), so the
    // extra arguments cannot be named: say so instead of guessing Python's count.
    issues.push({
      severity: 'info',
      code: 'keras.unbound-positional',
      message: `${positional.length - names.length} positional argument(s) of ${className} after '${names[names.length - 1]}' are not followed`,
    });
  }
  positional.slice(0, names.length).forEach((value, i) => {
    args[names[i]] = value;
  });
  for (const [key, value] of Object.entries(keywords)) {
    if (key in args) {
      issues.push({ severity: 'error', code: 'keras.multiple-values', message: `${className}.__init__() got multiple values for argument '${key}'`, arg: key });
      continue;
    }
    args[key] = value;
  }
  return { args, issues };
}
