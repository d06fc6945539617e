/**
 * Imported modules, interpreted once and shared by every analysis in the process (the
 * editor's worker analyses many documents): one record per file, kept while the file's
 * version stamp and those of the modules it imported stay the same. Records are grouped by
 * the folders absolute imports search, since those decide what an import statement means.
 */
import type { SourceFileHost } from '../../sourceFiles';
import type { PySyntax } from '../core/syntax';
import type { Scope } from '../core/scope';
import type { PyModule, Value } from '../core/values';
import type { FoundModule } from './moduleResolver';
import type { ModuleScan } from './moduleScan';

/** One imported module and what is known of it so far. */
export interface ModuleRecord {
  readonly module: FoundModule;
  /** The file's stamp when it was read; '' for a namespace package. */
  readonly version: string;
  readonly text: string;
  /** `unloaded` until a name of it is first used, `running` while its top-level code runs (a cyclic import sees it partially initialised). */
  state: 'unloaded' | 'running' | 'done';
  scan?: ModuleScan;
  /** The names `from it import *` binds, once computed. */
  starNames?: readonly string[];
  /** Names found without running it (re-exports, star imports, submodules), by name. */
  readonly foundWithoutRunning: Map<string, Value>;
  syntax?: PySyntax;
  scope?: Scope;
  value?: PyModule;
  /** The modules its import statements reached: it is stale when one of them is. */
  readonly dependencies: Set<ModuleRecord>;
  /** The analysis that last checked it against the disk, and the answer. */
  checkedIn: number;
  current: boolean;
}

/** Module records by search folders, then by file (a namespace package by its folder). */
const cachesBySearchPath = new Map<string, Map<string, ModuleRecord>>();
/** Every analysis gets a new number: a record is checked against its file once per analysis. */
let generation = 0;

/** A number for a new analysis. */
export function nextGeneration(): number {
  return ++generation;
}

/** Forgets every imported module (tests, and after an analysis stopped mid-module by its budget). */
export function clearModuleCache(): void {
  cachesBySearchPath.clear();
}

/** The imported modules of one search path. */
export class ModuleCache {
  private readonly records: Map<string, ModuleRecord>;

  constructor(
    searchKey: string,
    private readonly files: SourceFileHost,
    private readonly generation: number,
  ) {
    let records = cachesBySearchPath.get(searchKey);
    if (!records) {
      records = new Map();
      cachesBySearchPath.set(searchKey, records);
    }
    this.records = records;
  }

  /** Every record (to re-attach their globals to this analysis's built-ins). */
  all(): IterableIterator<ModuleRecord> {
    return this.records.values();
  }

  /** The record of a found module: the cached one while it is current, else a fresh one. */
  record(module: FoundModule): ModuleRecord | undefined {
    const key = module.file ?? module.dir!;
    const cached = this.records.get(key);
    if (cached && this.isCurrent(cached)) return cached;
    const source = module.file === undefined ? { text: '', version: '' } : this.files.readFile(module.file);
    if (!source) return undefined;
    const record: ModuleRecord = {
      module,
      version: source.version,
      text: source.text,
      state: 'unloaded',
      dependencies: new Set(),
      foundWithoutRunning: new Map(),
      checkedIn: this.generation,
      current: true,
    };
    this.records.set(key, record);
    return record;
  }

  /** Drops a record whose code stopped half-way (its values are not the module's). */
  forget(record: ModuleRecord): void {
    const key = record.module.file ?? record.module.dir!;
    if (this.records.get(key) === record) this.records.delete(key);
  }

  /** Whether the record's file and every module it imported still have the stamps they had. */
  private isCurrent(record: ModuleRecord): boolean {
    if (record.checkedIn === this.generation) return record.current;
    record.checkedIn = this.generation;
    // Assumed current while its imports are checked: a cycle of imports ends here.
    record.current = true;
    const file = record.module.file;
    let current = file === undefined || this.files.readFile(file)?.version === record.version;
    if (current) {
      for (const dependency of record.dependencies) {
        const key = dependency.module.file ?? dependency.module.dir!;
        if (this.records.get(key) !== dependency || !this.isCurrent(dependency)) {
          current = false;
          break;
        }
      }
    }
    record.current = current;
    if (!current) this.forget(record);
    return current;
  }
}
