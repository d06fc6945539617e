// One esbuild script, several bundles: the extension host (node, cjs, `vscode` external)
// and the CLI (node). The tree-sitter wasm files are copied next to the bundles because
// the runtime loads them by path at start-up.
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

const builds = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // The editor's analysis runs in this worker thread so a large file never blocks the extension host.
  { ...common, entryPoints: ['src/editor/analysisWorker.ts'], outfile: 'dist/analysisWorker.js' },
  // Feature maps are computed in this worker thread: cancellable, never blocking the extension host.
  { ...common, entryPoints: ['src/featureMaps/featureMapWorker.ts'], outfile: 'dist/featureMapWorker.js' },
  // The inspector webview's UI: runs in the browser sandbox of the webview, one self-contained iife.
  { ...common, entryPoints: ['webview/main.ts'], outfile: 'dist/webview.js', platform: 'browser', format: 'iife', target: 'es2022', plugins: [graphLayoutWorkerSource()] },
];

// The graph view's layout worker is bundled on its own (minified: it travels as a string) and
// its text becomes the module `graph-layout-worker-source`, which the webview starts from a blob.
function graphLayoutWorkerSource() {
  return {
    name: 'graph-layout-worker-source',
    setup(build) {
      build.onResolve({ filter: /^graph-layout-worker-source$/ }, (args) => ({ path: args.path, namespace: 'graph-layout-worker' }));
      build.onLoad({ filter: /.*/, namespace: 'graph-layout-worker' }, async () => {
        const result = await esbuild.build({
          entryPoints: ['webview/graphLayoutWorker.ts'],
          bundle: true,
          write: false,
          minify: true,
          platform: 'browser',
          format: 'iife',
          target: 'es2022',
          logLevel: 'warning',
        });
        return {
          contents: `export const graphLayoutWorkerSource = ${JSON.stringify(result.outputFiles[0].text)};`,
          loader: 'js',
          watchFiles: result.outputFiles.length ? ['webview/graphLayoutWorker.ts'] : [],
        };
      });
    },
  };
}

function copyGrammars() {
  const from = 'node_modules/@vscode/tree-sitter-wasm/wasm';
  mkdirSync('dist/grammars', { recursive: true });
  for (const file of ['tree-sitter.wasm', 'tree-sitter-python.wasm', 'tree-sitter-typescript.wasm', 'tree-sitter-tsx.wasm', 'tree-sitter-javascript.wasm']) {
    copyFileSync(join(from, file), join('dist/grammars', file));
  }
}

// The feature-map kernels: WebAssembly SIMD compiled from assembly/kernels.ts (options in
// assembly/asconfig.json) into dist/kernels.wasm, which the host reads and instantiates.
function buildKernelsWasm() {
  execFileSync(process.execPath, ['node_modules/assemblyscript/bin/asc.js', 'assembly/kernels.ts', '--config', 'assembly/asconfig.json'], { stdio: 'inherit' });
}

copyGrammars();
buildKernelsWasm();
if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
