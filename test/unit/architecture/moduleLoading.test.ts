/**
 * Every module of the pure core (src/engine, src/frontends, src/analysis) loads on its own,
 * each in a fresh node process with an empty module registry. Inside one test run the modules
 * always load in the same order, so a load-order bug (a `const` read at load time across an
 * import cycle, a registry filled by a module that imports it) stays hidden until a worker, the
 * CLI or a new importer loads that module first. Loading each one alone is what shows it.
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative, resolve } from 'node:path';

const repoRoot = resolve(__dirname, '../../..');
const coreFolders = ['src/engine', 'src/frontends', 'src/analysis'];

/** Every `.ts` file below `folder`, as absolute paths. */
function typeScriptFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return typeScriptFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Requires `file` alone in a new node process (tsx compiles it); resolves to the error text, or undefined when it loaded. */
function loadAlone(file: string): Promise<string | undefined> {
  const script = `require(${JSON.stringify(file)})`;
  return new Promise((done) => {
    execFile(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: repoRoot, timeout: 60_000 }, (error, _stdout, stderr) => {
      if (!error) return done(undefined);
      // The thrown error's own line (`ReferenceError: ...`) is the useful part of node's report.
      const lines = stderr.split('\n').map((line) => line.trim());
      done(lines.find((line) => /^\w*Error\b/.test(line)) ?? (lines.find((line) => line.length > 0) || error.message));
    });
  });
}

/** Runs `task` over `items`, at most `limit` at a time. */
async function mapLimited<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

describe('architecture: every core module loads on its own', () => {
  const modules = coreFolders.flatMap((folder) => typeScriptFiles(join(repoRoot, folder))).sort();

  it('finds the core modules', () => {
    // Guards against a moved folder making the load test below pass on nothing.
    for (const folder of coreFolders) {
      assert.ok(
        modules.some((file) => relative(repoRoot, file).startsWith(`${folder}/`)),
        `no modules found in ${folder}`,
      );
    }
  });

  it('loads each module in a fresh process', async function () {
    // ~100 node processes; startup dominates, so one more lane than cores keeps them busy.
    this.timeout(180_000);
    const errors = await mapLimited(modules, availableParallelism() + 1, loadAlone);
    const failures = modules.flatMap((file, index) => (errors[index] === undefined ? [] : [`${relative(repoRoot, file)}: ${errors[index]}`]));
    assert.equal(failures.length, 0, `modules that do not load on their own:\n${failures.join('\n')}`);
  });
});
