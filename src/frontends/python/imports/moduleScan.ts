/**
 * What a module defines at its top level, read from its text without parsing or running it:
 * the names its `def`, `class`, assignments and imports bind at column 0, its literal
 * `__all__`, and the modules it star-imports. A star import binds these names, each resolved
 * only when used, so `from .resnet import *` in a package does not run resnet.py.
 */

export interface ModuleScan {
  /** The names of a literal `__all__` (with its `+=` extensions), or undefined when there is none. */
  readonly all: readonly string[] | undefined;
  /** Names bound at the top level, in order of first binding. */
  readonly names: readonly string[];
  /** Modules star-imported at the top level, as written (`.resnet`, `..ops.misc`, `torch.nn`). */
  readonly starImports: readonly string[];
  /**
   * Names a module only re-exports (`from .functional import InterpolationMode`, bound by no
   * other top-level statement): the module they come from (as written) and their name there.
   */
  readonly reexports: ReadonlyMap<string, { readonly module: string; readonly name: string }>;
}

const definition = /^(?:async[ \t]+)?(?:def|class)[ \t]+(\w+)/gm;
const assignment = /^(\w+(?:[ \t]*,[ \t]*\w+)*)[ \t]*(?::[^=\n]*)?=(?!=)/gm;
const plainImport = /^import[ \t]+([^\n#;]+)/gm;
const fromImport = /^from[ \t]+([.\w]+)[ \t]+import[ \t]+(\([^)]*\)|[^\n#;]*)/gm;
const allList = /^__all__[ \t]*\+?=[ \t]*[[(]([^\])]*)[\])]/gm;
const quotedName = /["'](\w+)["']/g;

function importedNames(list: string): string[] {
  return list
    .replace(/[()\\]/g, ' ')
    .replace(/#[^\n]*/g, ' ')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0)
    .map((item) => {
      const alias = /\bas[ \t\n]+(\w+)$/.exec(item);
      return alias ? alias[1] : item.split(/\s/)[0];
    });
}

/** Scans a module's text for the names it binds at its top level. */
export function scanModule(text: string): ModuleScan {
  const names = new Set<string>();
  const starImports: string[] = [];
  const bindings = new Map<string, number>();
  const bind = (name: string): void => {
    names.add(name);
    bindings.set(name, (bindings.get(name) ?? 0) + 1);
  };
  for (const match of text.matchAll(definition)) bind(match[1]);
  for (const match of text.matchAll(assignment)) for (const name of match[1].split(',')) bind(name.trim());
  for (const match of text.matchAll(plainImport)) {
    for (const item of importedNames(match[1])) {
      // `import a.b` binds `a`; `import a.b as c` binds `c`.
      bind(item.split('.')[0]);
    }
  }
  const imported = new Map<string, { module: string; name: string }>();
  for (const match of text.matchAll(fromImport)) {
    for (const item of importedNames(match[2])) {
      if (item === '*') {
        starImports.push(match[1]);
        continue;
      }
      bind(item);
      imported.set(item, { module: match[1], name: importedOriginal(match[2], item) });
    }
  }
  const reexports = new Map([...imported].filter(([name]) => bindings.get(name) === 1));
  let all: string[] | undefined;
  for (const match of text.matchAll(allList)) {
    all ??= [];
    for (const name of match[1].matchAll(quotedName)) all.push(name[1]);
  }
  return { all, names: [...names], starImports, reexports };
}

/** The name in its own module of what `from m import a as b` binds to `b`. */
function importedOriginal(list: string, bound: string): string {
  const aliased = new RegExp(`(\\w+)[ \\t\\n]+as[ \\t\\n]+${bound}\\b`).exec(list);
  return aliased ? aliased[1] : bound;
}
