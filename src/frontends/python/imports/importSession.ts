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
import type { PyNode } from '../core/syntax';
import { field, importedCodeAnchor, textOf } from '../core/syntax';
import type { Scope } from '../core/scope';
import type { Value } from '../core/values';
import { unknown } from '../core/values';
import type { ModuleRecord } from './moduleCache';
import type { FoundModule, ModuleSearch } from './moduleResolver';
import { findModule, findRelativeModule } from './moduleResolver';
import { fromModule, ModuleNames, moduleValue, recordOfSyntax } from './moduleNames';

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
  private readonly names: ModuleNames;
  /** The analysed file as an importer: relative imports start from its folder. */
  private readonly main: FoundModule;

  constructor(
    private readonly context: AnalysisContext,
    imports: ImportContext,
    parse: (text: string) => Tree | undefined,
  ) {
    this.names = new ModuleNames(context, imports, parse);
    this.main = { name: '__main__', file: imports.filePath, dir: undefined };
  }

  /** Makes this analysis the one imported modules' names resolve through, until `end`. */
  begin(): void {
    this.names.begin();
  }

  end(): void {
    this.names.end();
  }

  execImport(context: AnalysisContext, node: PyNode, scope: Scope): void {
    const importer = context.syntax === context.fileSyntax ? undefined : recordOfSyntax(context.syntax);
    if (node.type === 'import_statement') {
      for (const { name, alias } of importedNames(context, node, undefined)) this.importModule(node, scope, importer, name, alias);
      return;
    }
    const moduleNode = field(node, 'module_name');
    const written = moduleNode ? textOf(context.syntax, moduleNode) : '';
    const names = importedNames(context, node, moduleNode);
    const level = /^\.*/.exec(written)![0].length;
    const moduleName = written.slice(level);
    if (level === 0 && this.names.isModelled(moduleName)) {
      for (const { name, alias } of names) {
        if (name === '*') context.wildcardImports.push(moduleName);
        else scope.set(alias ?? name, { kind: 'ns', path: `${moduleName}.${name}` });
      }
      return;
    }
    const search = (): ModuleSearch =>
      level > 0
        ? findRelativeModule(this.names.imports.files, importer?.module ?? this.main, level, moduleName)
        : findModule(this.names.imports.files, this.names.roots, moduleName);
    if (importer === undefined) {
      // The analysed file: found now, so that a missing module is reported on its line.
      const found = search();
      const record = found.found && this.names.cache.record(found.found);
      if (!record) {
        const reason = this.reportUnresolved(node, written, names, found);
        for (const { name, alias } of names) if (name !== '*') scope.set(alias ?? name, unknown(reason));
        return;
      }
      this.bindFrom(scope, record, names, node);
      return;
    }
    let target: ModuleRecord | null | undefined;
    const resolveTarget = (): ModuleRecord | null => {
      if (target === undefined) {
        const found = search().found;
        target = (found && this.names.cache.record(found)) ?? null;
        if (target) importer.dependencies.add(target);
      }
      return target;
    };
    if (names.some(({ name }) => name === '*')) {
      const record = resolveTarget();
      if (record) this.bindFrom(scope, record, names, undefined);
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

  /**
   * `from module import a, b as c` or `*`, from a found module: each name bound on first use.
   * `statement`: the analysed file's import, where what the module's top level builds points.
   */
  private bindFrom(scope: Scope, record: ModuleRecord, names: readonly ImportedName[], statement: PyNode | undefined): void {
    for (const { name, alias } of names) {
      if (name !== '*') {
        scope.setLazy(alias ?? name, { resolving: false, resolve: atImport(statement, () => fromModule(record, name)) });
        continue;
      }
      for (const starName of this.names.starNames(record, new Set())) {
        scope.setLazy(starName, { resolving: false, resolve: atImport(statement, () => fromModule(record, starName)) }, true);
      }
    }
  }

  /** `import a.b.c` (binds `a`) or `import a.b.c as d` (binds the module a.b.c). */
  private importModule(node: PyNode, scope: Scope, importer: ModuleRecord | undefined, name: string, alias: string | undefined): void {
    const head = name.split('.')[0];
    const bound = alias ?? head;
    if (this.names.isModelled(name)) {
      scope.set(bound, { kind: 'ns', path: alias ? name : head });
      return;
    }
    const target = alias ? name : head;
    if (importer === undefined) {
      const found = findModule(this.names.imports.files, this.names.roots, name);
      if (!found.found) {
        scope.set(bound, unknown(this.reportUnresolved(node, name, [], found)));
        return;
      }
    }
    scope.setLazy(bound, {
      resolving: false,
      resolve: atImport(importer === undefined ? node : undefined, () => {
        const found = findModule(this.names.imports.files, this.names.roots, target).found;
        const record = found && this.names.cache.record(found);
        if (record && importer) importer.dependencies.add(record);
        return record ? moduleValue(record) : unknown(`the module ${target} (not found)`);
      }),
    });
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
}

/**
 * A resolution that may run an imported module's top level from the analysed file: the
 * layers and findings that code makes point at the import statement (`statement`), the
 * line in the analysed file where Python runs it.
 */
function atImport(statement: PyNode | undefined, resolve: () => Value): () => Value {
  if (!statement) return resolve;
  return () => {
    const kept = importedCodeAnchor.range;
    importedCodeAnchor.range = statement.range;
    try {
      return resolve();
    } finally {
      importedCodeAnchor.range = kept;
    }
  };
}
