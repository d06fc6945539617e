/**
 * The names of imported modules: a module's global (running its top-level code the first
 * time one of its names is used), a name followed through the module's text without running
 * it (a re-export, a star import, a submodule), and the names `from module import *` binds.
 * One `ModuleNames` per analysis; the module values and lazy bindings it hands out outlive
 * the analysis (the module cache keeps them) and resolve through the analysis running then.
 */
import type { Tree } from '@vscode/tree-sitter-wasm';
import type { ImportContext } from '../../sourceFiles';
import type { AnalysisContext } from '../core/context';
import type { PySyntax } from '../core/syntax';
import { Scope } from '../core/scope';
import type { Value } from '../core/values';
import { unknown } from '../core/values';
import { installBuiltins } from '../core/builtins';
import type { ModuleRecord } from './moduleCache';
import { ModuleCache, nextGeneration } from './moduleCache';
import { findModule, findRelativeModule, findSubmodule, folderOf } from './moduleResolver';
import { scanModule } from './moduleScan';
import { isUnreadModule } from './unreadModules';
import { runModule } from './moduleRun';

/** The names of the analysis running now: values of cached modules resolve through it. */
const running: { names: ModuleNames | undefined } = { names: undefined };

/** The record whose code a syntax is, for the import statements run inside it. */
const recordsBySyntax = new WeakMap<PySyntax, ModuleRecord>();

/** The record of an imported module's code, or undefined for the analysed file. */
export function recordOfSyntax(syntax: PySyntax): ModuleRecord | undefined {
  return recordsBySyntax.get(syntax);
}

/** Resolves imported modules' names for one analysis (see the file comment). */
export class ModuleNames {
  readonly cache: ModuleCache;
  /** The folders absolute imports search: the analysed file's, then the search paths. */
  readonly roots: readonly string[];
  private readonly builtins = new Scope(null);
  /** The names being found by following a module's text (withoutRunning), against a module asking itself. */
  private readonly asking = new Set<string>();

  constructor(
    private readonly context: AnalysisContext,
    readonly imports: ImportContext,
    private readonly parse: (text: string) => Tree | undefined,
  ) {
    this.roots = [...new Set([folderOf(imports.filePath), ...imports.pythonSearchPaths])];
    this.cache = new ModuleCache(this.roots.join('\n'), imports.files, nextGeneration());
    installBuiltins(context, this.builtins);
    // Cached modules see this analysis's built-ins (they count steps against this analysis).
    for (const record of this.cache.all()) if (record.scope) record.scope.parent = this.builtins;
  }

  /** Makes these the names lazy bindings resolve through, until `end`. */
  begin(): void {
    running.names = this;
  }

  end(): void {
    if (running.names === this) running.names = undefined;
  }

  /** Whether a plug-in models the module (torch) or it is in the standard library: never read from disk. */
  isModelled(moduleName: string): boolean {
    return isUnreadModule(moduleName) || this.context.libraries.ownsModule(moduleName);
  }

  /** A global of the module (running its code the first time), else its submodule, else undefined. */
  moduleAttribute(record: ModuleRecord, name: string): Value | undefined {
    if (this.context.libraries.ownsName(record.module.name, name)) return { kind: 'ns', path: `${record.module.name}.${name}` };
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
  /** The names `from module import *` binds: its `__all__`, else its public top-level names, through its own star imports. */
  starNames(record: ModuleRecord, seen: Set<ModuleRecord>): readonly string[] {
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
  importedBy(record: ModuleRecord, written: string): ModuleRecord | undefined {
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
}

/** The module object of a record: one per record, so `a.b is a.b`. */
export function moduleValue(record: ModuleRecord): Value {
  record.value ??= { kind: 'module', name: record.module.name, attribute: (name) => running.names?.moduleAttribute(record, name) };
  return record.value;
}

/** `from module import name` once the module is found. */
export function fromModule(record: ModuleRecord, name: string): Value {
  const names = running.names;
  if (!names) return unknown(`the name '${name}' of ${record.module.name} (outside an analysis)`);
  return names.moduleAttribute(record, name) ?? unknown(`the name '${name}' (module ${record.module.name} does not define it)`);
}
