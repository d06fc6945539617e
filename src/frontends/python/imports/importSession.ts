/**
 * Import statements, followed without running anything: each imported name is bound to a
 * value computed on first use, so a file that imports `resnet50` from torchvision runs
 * resnet.py and what `resnet50` needs, not the rest of the package. Modules a library
 * plug-in models (torch, Keras) and the standard library keep their dotted-path namespaces.
 * An import of the analysed file that is not found gives one info naming the folders
 * looked in, and unknown values.
 */
import type { Tree } from '@vscode/tree-sitter-wasm';
import type { ImportContext } from '../../sourceFiles';
import type { AnalysisContext, ImportHandler } from '../core/context';
import type { PyNode, PySyntax } from '../core/syntax';
import { field, textOf } from '../core/syntax';
import { Scope } from '../core/scope';
import type { Value } from '../core/values';
import { unknown } from '../core/values';
import { installBuiltins } from '../core/builtins';
import type { ModuleRecord } from './moduleCache';
import { ModuleCache, nextGeneration } from './moduleCache';
import type { FoundModule, ModuleSearch } from './moduleResolver';
import { findModule, findRelativeModule, findSubmodule, folderOf } from './moduleResolver';
import { scanModule } from './moduleScan';
import { isUnreadModule } from './unreadModules';
import { runModule } from './moduleRun';

/** The session of the analysis running now: lazy bindings of cached modules resolve through it. */
const running: { session: ImportSession | undefined } = { session: undefined };

/** The record whose code a syntax is, for the import statements run inside it. */
const recordsBySyntax = new WeakMap<PySyntax, ModuleRecord>();

/** One imported name, as written: `a.b` (as `c`), a name of `from m import name`, or `*`. */
interface ImportedName {
  readonly name: string;
  readonly alias: string | undefined;
}

function importedNames(context: AnalysisContext, node: PyNode, skip: PyNode | undefined): ImportedName[] {
  const names: ImportedName[] = [];
  for (const child of node.children) {
    if (child === skip) continue;
    if (child.type === 'wildcard_import') names.push({ name: '*', alias: undefined });
    else if (child.type === 'aliased_import') names.push({ name: textOf(context.syntax, field(child, 'name')!), alias: textOf(context.syntax, field(child, 'alias')!) });
    else if (child.type === 'dotted_name' || child.type === 'identifier') names.push({ name: textOf(context.syntax, child), alias: undefined });
  }
  return names;
}

/** Follows the imports of one analysis (see the file comment). */
export class ImportSession implements ImportHandler {
  private readonly cache: ModuleCache;
  private readonly roots: readonly string[];
  private readonly builtins = new Scope(null);
  /** The names being found by following a module's text (withoutRunning), against a module asking itself. */
  private readonly asking = new Set<string>();
  /** The analysed file as an importer: relative imports start from its folder. */
  private readonly main: FoundModule;

  constructor(
    private readonly context: AnalysisContext,
    private readonly imports: ImportContext,
    private readonly parse: (text: string) => Tree | undefined,
  ) {
    this.roots = [...new Set([folderOf(imports.filePath), ...imports.pythonSearchPaths])];
    this.cache = new ModuleCache(this.roots.join('\n'), imports.files, nextGeneration());
    this.main = { name: '__main__', file: imports.filePath, dir: undefined };
    installBuiltins(context, this.builtins);
    // Cached modules see this analysis's built-ins (they count steps against this analysis).
    for (const record of this.cache.all()) if (record.scope) record.scope.parent = this.builtins;
  }

  /** Makes this the session lazy bindings resolve through, until `end`. */
  begin(): void {
    running.session = this;
  }

  end(): void {
    if (running.session === this) running.session = undefined;
  }

  execImport(context: AnalysisContext, node: PyNode, scope: Scope): void {
    const importer = context.syntax === context.fileSyntax ? undefined : recordsBySyntax.get(context.syntax);
    if (node.type === 'import_statement') {
      for (const { name, alias } of importedNames(context, node, undefined)) this.importModule(node, scope, importer, name, alias);
      return;
    }
    const moduleNode = field(node, 'module_name');
    const written = moduleNode ? textOf(context.syntax, moduleNode) : '';
    const names = importedNames(context, node, moduleNode);
    const level = /^\.*/.exec(written)![0].length;
    const moduleName = written.slice(level);
    if (level === 0 && this.isModelled(moduleName)) {
      for (const { name, alias } of names) {
        if (name === '*') context.wildcardImports.push(moduleName);
        else scope.set(alias ?? name, { kind: 'ns', path: `${moduleName}.${name}` });
      }
      return;
    }
    const search = (): ModuleSearch =>
      level > 0 ? findRelativeModule(this.imports.files, importer?.module ?? this.main, level, moduleName) : findModule(this.imports.files, this.roots, moduleName);
    if (importer === undefined) {
      // The analysed file: found now, so that a missing module is reported on its line.
      const found = search();
      const record = found.found && this.cache.record(found.found);
      if (!record) {
        const reason = this.reportUnresolved(node, written, names, found);
        for (const { name, alias } of names) if (name !== '*') scope.set(alias ?? name, unknown(reason));
        return;
      }
      this.bindFrom(scope, record, names);
      return;
    }
    let target: ModuleRecord | null | undefined;
    const resolveTarget = (): ModuleRecord | null => {
      if (target === undefined) {
        const found = search().found;
        target = (found && this.cache.record(found)) ?? null;
        if (target) importer.dependencies.add(target);
      }
      return target;
    };
    if (names.some(({ name }) => name === '*')) {
      const record = resolveTarget();
      if (record) this.bindFrom(scope, record, names);
      return;
    }
    for (const { name, alias } of names) {
      scope.setLazy(alias ?? name, {
        resolving: false,
        resolve: () => {
          const record = resolveTarget();
          return record ? fromModule(record, name) : unknown(`the name '${name}' (its module ${written} was not found)`);
        },
      });
    }
  }

  /** `from module import a, b as c` or `*`, from a found module: each name bound on first use. */
  private bindFrom(scope: Scope, record: ModuleRecord, names: readonly ImportedName[]): void {
    for (const { name, alias } of names) {
      if (name !== '*') {
        scope.setLazy(alias ?? name, { resolving: false, resolve: () => fromModule(record, name) });
        continue;
      }
      for (const starName of this.starNames(record, new Set())) {
        scope.setLazy(starName, { resolving: false, resolve: () => fromModule(record, starName) }, true);
      }
    }
  }

  /** `import a.b.c` (binds `a`) or `import a.b.c as d` (binds the module a.b.c). */
  private importModule(node: PyNode, scope: Scope, importer: ModuleRecord | undefined, name: string, alias: string | undefined): void {
    const head = name.split('.')[0];
    const bound = alias ?? head;
    if (this.isModelled(name)) {
      scope.set(bound, { kind: 'ns', path: alias ? name : head });
      return;
    }
    const target = alias ? name : head;
    if (importer === undefined) {
      const found = findModule(this.imports.files, this.roots, name);
      if (!found.found) {
        scope.set(bound, unknown(this.reportUnresolved(node, name, [], found)));
        return;
      }
    }
    scope.setLazy(bound, {
      resolving: false,
      resolve: () => {
        const found = findModule(this.imports.files, this.roots, target).found;
        const record = found && this.cache.record(found);
        if (record && importer) importer.dependencies.add(record);
        return record ? moduleValue(record) : unknown(`the module ${target} (not found)`);
      },
    });
  }

  /** Whether a plug-in models the module (torch) or it is in the standard library: never read from disk. */
  private isModelled(moduleName: string): boolean {
    return isUnreadModule(moduleName) || this.context.libraries.ownsModule(moduleName);
  }

  /** One info per import statement of the analysed file that is not found; returns the reason its values carry. */
  private reportUnresolved(node: PyNode, written: string, names: readonly ImportedName[], search: ModuleSearch): string {
    const looked = search.lookedIn.join(', ');
    const what =
      names.length === 0 || names[0].name === '*'
        ? `\`${written}\``
        : `${names.map(({ name }) => `\`${name}\``).join(', ')} ${names.length > 1 ? 'are' : 'is'} imported from \`${written}\`, which`;
    const where = written.startsWith('.')
      ? `in this file's package folder (looked in: ${looked})`
      : `next to this file or in the selected Python environment (looked in: ${looked})`;
    const partial = search.partial?.file ?? search.partial?.dir;
    const message = `${what} was not found ${where}${partial ? `; ${search.partial!.name} is at ${partial} but has no module \`${written.split('.').pop()}\`` : ''}. What it provides is unknown.`;
    this.context.report(node.range, 'info', 'unresolved-import', message);
    return `the import of ${written} (not found)`;
  }

  /** The names `from module import *` binds: its `__all__`, else its public top-level names, through its own star imports. */
  private starNames(record: ModuleRecord, seen: Set<ModuleRecord>): readonly string[] {
    if (record.starNames) return record.starNames;
    if (seen.has(record)) return [];
    seen.add(record);
    const scan = (record.scan ??= scanModule(record.text));
    if (scan.all) return (record.starNames = scan.all);
    const names = scan.names.filter((name) => !name.startsWith('_'));
    for (const written of scan.starImports) {
      const target = this.importedBy(record, written);
      if (target) names.push(...this.starNames(target, seen));
    }
    return (record.starNames = names);
  }

  /** The module an import statement of `record` names (`.resnet`, `torchvision.utils`), or undefined (not found, or modelled). */
  private importedBy(record: ModuleRecord, written: string): ModuleRecord | undefined {
    const level = /^\.*/.exec(written)![0].length;
    if (level === 0 && this.isModelled(written)) return undefined;
    const found = level > 0 ? findRelativeModule(this.imports.files, record.module, level, written.slice(level)).found : findModule(this.imports.files, this.roots, written).found;
    const target = found && this.cache.record(found);
    if (target) record.dependencies.add(target);
    return target;
  }

  /**
   * A name of a module that has not run, found from its text: a re-export or a star import
   * followed to the module that defines it, or a submodule. A package's `__init__.py` that
   * star-imports sixteen modules then runs none of them, and a name defined elsewhere does
   * not run the module that only passes it on. Undefined when only running it tells.
   */
  private withoutRunning(record: ModuleRecord, name: string): Value | undefined {
    const kept = record.foundWithoutRunning.get(name);
    if (kept !== undefined) return kept;
    // A package re-exporting its own submodule (`from torchvision import models` in torchvision) asks itself again.
    const asking = `${record.module.file ?? record.module.dir}\0${name}`;
    if (this.asking.has(asking)) return this.submodule(record, name);
    this.asking.add(asking);
    try {
      const value = this.followText(record, name);
      if (value !== undefined) record.foundWithoutRunning.set(name, value);
      return value;
    } finally {
      this.asking.delete(asking);
    }
  }

  private followText(record: ModuleRecord, name: string): Value | undefined {
    const scan = (record.scan ??= scanModule(record.text));
    let value: Value | undefined;
    const reexport = scan.reexports.get(name);
    if (reexport) {
      const level = /^\.*/.exec(reexport.module)![0].length;
      if (level === 0 && this.isModelled(reexport.module)) value = { kind: 'ns', path: `${reexport.module}.${reexport.name}` };
      else {
        const target = this.importedBy(record, reexport.module);
        value = target && this.moduleAttribute(target, reexport.name);
      }
    } else if (!scan.names.includes(name)) {
      for (let index = scan.starImports.length - 1; index >= 0 && value === undefined; index--) {
        const target = this.importedBy(record, scan.starImports[index]);
        if (target && this.starNames(target, new Set()).includes(name)) value = this.moduleAttribute(target, name);
      }
      value ??= this.submodule(record, name);
    }
    return value;
  }

  private submodule(record: ModuleRecord, name: string): Value | undefined {
    const found = findSubmodule(this.imports.files, record.module, name);
    const submodule = found && this.cache.record(found);
    if (!submodule) return undefined;
    record.dependencies.add(submodule);
    return moduleValue(submodule);
  }

  /** A global of the module (running its code the first time), else its submodule, else undefined. */
  moduleAttribute(record: ModuleRecord, name: string): Value | undefined {
    if (record.state === 'unloaded') {
      const found = this.withoutRunning(record, name);
      if (found !== undefined) return found;
      runModule(this.context, record, this.builtins, this.parse, {
        parsed: (syntax) => recordsBySyntax.set(syntax, record),
        stopped: () => this.cache.forget(record),
      });
    }
    return record.scope?.lookupOwn(name) ?? this.submodule(record, name);
  }
}

/** The module object of a record: one per record, so `a.b is a.b`. */
function moduleValue(record: ModuleRecord): Value {
  record.value ??= { kind: 'module', name: record.module.name, attribute: (name) => running.session?.moduleAttribute(record, name) };
  return record.value;
}

/** `from module import name` once the module is found. */
function fromModule(record: ModuleRecord, name: string): Value {
  const session = running.session;
  if (!session) return unknown(`the name '${name}' of ${record.module.name} (outside an analysis)`);
  return session.moduleAttribute(record, name) ?? unknown(`the name '${name}' (module ${record.module.name} does not define it)`);
}
