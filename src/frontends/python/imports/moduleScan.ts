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
  for (const match of text.matchAll(definition)) names.add(match[1]);
  for (const match of text.matchAll(assignment)) for (const name of match[1].split(',')) names.add(name.trim());
  for (const match of text.matchAll(plainImport)) {
    for (const item of importedNames(match[1])) {
      // `import a.b` binds `a`; `import a.b as c` binds `c`.
      names.add(item.split('.')[0]);
    }
  }
  for (const match of text.matchAll(fromImport)) {
    for (const item of importedNames(match[2])) {
      if (item === '*') starImports.push(match[1]);
      else names.add(item);
    }
  }
  let all: string[] | undefined;
  for (const match of text.matchAll(allList)) {
    all ??= [];
    for (const name of match[1].matchAll(quotedName)) all.push(name[1]);
  }
  return { all, names: [...names], starImports };
}
