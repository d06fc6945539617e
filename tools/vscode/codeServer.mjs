// Starts a real VS Code (code-server 4.99.4, VS Code 1.99.3) and a Chromium driven by
// playwright-core, for the integration and end-to-end tests. Only npm and Debian are
// reachable in CI, so this replaces @vscode/test-electron (the reason for each flag is
// given where it is set).
//
// Everything code-server writes goes under one temp dir, and it runs in its own process
// group so that stopping it also ends its extension host and file watchers.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath, URLSearchParams } from 'node:url';

/** Absolute path of the repository (the extension's folder). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The code-server launcher: CODE_SERVER_BIN, else the copy installed by installCodeServer.sh. */
export const codeServerBin = process.env.CODE_SERVER_BIN ?? join(repoRoot, '.test-tools/code-server/node_modules/.bin/code-server');

/** Chromium flags that work on these headless, GPU-less, network-less machines. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

/** The user settings every run starts with; `overrides` are merged over them. */
export function defaultUserSettings(overrides = {}) {
  return {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'workbench.colorTheme': 'Default Light Modern',
    'telemetry.telemetryLevel': 'off',
    'editor.hover.delay': 100,
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'update.mode': 'none',
    'security.workspace.trust.enabled': false,
    'git.enabled': false,
    'chat.commandCenter.enabled': false,
    'window.restoreWindows': 'none',
    ...overrides,
  };
}

/** Finds a free loopback TCP port (asks the OS for one, then releases it). */
export async function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** Runs `code-server --install-extension FILE` into the given extensions dir (sync, < 1 s). */
export function installExtension(vsixPath, dirs) {
  const result = spawnSync(codeServerBin, ['--install-extension', vsixPath, '--extensions-dir', dirs.extensions, '--user-data-dir', dirs.userData], {
    env: isolatedEnv(dirs, {}),
    encoding: 'utf8',
    timeout: 60_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (result.status !== 0) {
    throw new Error(`code-server --install-extension failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

/** Makes the temp dirs for one run (user data, extensions, XDG config/data, last-opened). */
export function makeRunDirs() {
  const base = mkdtempSync(join(tmpdir(), 'conv-inspector-vscode-'));
  const dirs = {
    base,
    userData: join(base, 'ud'),
    extensions: join(base, 'ext'),
    xdgConfig: join(base, 'xdg-config'),
    xdgData: join(base, 'xdg-data'),
    lastOpened: join(base, 'ws'),
  };
  for (const dir of [dirs.userData, dirs.extensions, dirs.xdgConfig, dirs.xdgData, dirs.lastOpened]) mkdirSync(dir, { recursive: true });
  return dirs;
}

/** Writes (or rewrites: VS Code watches the file) the user settings.json. */
export function writeUserSettings(dirs, settings) {
  const userDir = join(dirs.userData, 'User');
  mkdirSync(userDir, { recursive: true });
  writeFileSync(join(userDir, 'settings.json'), JSON.stringify(settings, null, 2));
}

function isolatedEnv(dirs, extraEnv) {
  return {
    ...process.env,
    XDG_CONFIG_HOME: dirs.xdgConfig,
    XDG_DATA_HOME: dirs.xdgData,
    // A closed local port: marketplace look-ups fail at once instead of hanging.
    EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: 'http://127.0.0.1:9/gallery', itemUrl: 'http://127.0.0.1:9/item', resourceUrlTemplate: 'http://127.0.0.1:9/resource' }),
    ...extraEnv,
  };
}

async function waitForHealthz(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`code-server exited early (${child.exitCode ?? child.signalCode})`);
    try {
      const response = await globalThis.fetch(`${url}/healthz`, { signal: globalThis.AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await delay(100);
  }
  throw new Error(`code-server did not answer ${url}/healthz within ${timeoutMs} ms`);
}

const liveGroups = new Set();

// Last resort: whatever happens to this node process, no code-server is left behind.
process.on('exit', () => {
  for (const pid of liveGroups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
});

async function killGroup(child) {
  const pid = child.pid;
  if (!liveGroups.has(pid)) return;
  liveGroups.delete(pid);
  const exited = new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) done();
    else child.once('exit', done);
  });
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    return;
  }
  await Promise.race([exited, delay(3000)]);
  // The group may still hold the extension host or watchers after the main process left.
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    /* group gone */
  }
}

/**
 * Starts code-server on a free loopback port with its own user-data, extensions and XDG
 * dirs. Options: `env` (extra environment, reaches the extension host and so the tests),
 * `settings` (merged over defaultUserSettings), `vsix` (installed before start),
 * `dirs` (reuse; not deleted by stop), `keepDirs` (or KEEP_CODE_SERVER_DIR=1), `timeoutMs`.
 * Returns { url, port, dirs, logs(), updateSettings(patch), stop() }; always call stop().
 */
export async function startCodeServer(options = {}) {
  if (!existsSync(codeServerBin)) {
    throw new Error(`code-server not found at ${codeServerBin}; run tools/vscode/installCodeServer.sh`);
  }
  const dirs = options.dirs ?? makeRunDirs();
  let settings = defaultUserSettings(options.settings);
  writeUserSettings(dirs, settings);
  if (options.vsix) installExtension(options.vsix, dirs);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const args = [
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir',
    dirs.userData,
    '--extensions-dir',
    dirs.extensions,
    '--ignore-last-opened',
    dirs.lastOpened,
  ];
  const child = spawn(codeServerBin, args, { detached: true, env: isolatedEnv(dirs, options.env ?? {}), stdio: ['ignore', 'pipe', 'pipe'] });
  liveGroups.add(child.pid);
  let output = '';
  const collect = (chunk) => {
    output += chunk.toString();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);

  const stop = async () => {
    await killGroup(child);
    if (!options.dirs && !options.keepDirs && process.env.KEEP_CODE_SERVER_DIR !== '1') rmSync(dirs.base, { recursive: true, force: true });
  };
  try {
    await waitForHealthz(url, child, options.timeoutMs ?? 30_000);
  } catch (error) {
    await stop();
    throw new Error(`${error.message}\n--- code-server output ---\n${output}`, { cause: error });
  }
  // VS Code watches settings.json, so a rewrite applies to the open workbench at once.
  const updateSettings = (patch) => {
    settings = { ...settings, ...patch };
    writeUserSettings(dirs, settings);
  };
  return { url, port, dirs, logs: () => output, updateSettings, stop };
}

/**
 * Launches Chromium (Debian's /usr/bin/chromium, or CHROMIUM_BIN) through playwright-core.
 * Returns the Browser; close it with browser.close().
 */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium', args: chromiumArgs, headless: true });
}

/**
 * code-server and Chromium, started together and stopped together: `start(options)` starts
 * both (`options` go to startCodeServer) and returns { server, browser }; `close()` stops
 * whichever of them is up, at any time (a signal, a watchdog, the end of a run); `server`
 * and `browser` are the ones up, if any.
 */
export function codeServerSession() {
  let server;
  let browser;
  return {
    get server() {
      return server;
    },
    get browser() {
      return browser;
    },
    async start(options = {}) {
      server = await startCodeServer(options);
      browser = await launchChromium();
      return { server, browser };
    },
    async close() {
      const [openBrowser, openServer] = [browser, server];
      browser = undefined;
      server = undefined;
      await openBrowser?.close().catch(() => undefined);
      await openServer?.stop();
    },
  };
}

/**
 * The workbench URL that opens `folder` (an absolute path on this machine). `payload` is a
 * list of [key, value] pairs that VS Code web reads, as its own browser integration tests do.
 */
export function workbenchUrl(server, folder, payload) {
  const query = new URLSearchParams({ folder });
  if (payload) query.set('payload', JSON.stringify(payload));
  return `${server.url}/?${query.toString()}`;
}

/** A `vscode-remote://` URI for a path on this machine, as the payload entries want them. */
export function remoteUri(server, absolutePath) {
  return `vscode-remote://127.0.0.1:${server.port}${absolutePath}`;
}

/**
 * Kills everything after `ms` if the run hangs, then exits with code 2. Returns a function
 * that disarms the watchdog. `cleanup` is awaited at most 5 s.
 */
export function armWatchdog(ms, cleanup) {
  const timer = setTimeout(async () => {
    console.error(`watchdog: run exceeded ${ms} ms, killing code-server and Chromium`);
    await Promise.race([cleanup().catch(() => undefined), delay(5000)]);
    process.exit(2);
  }, ms);
  timer.unref();
  return () => clearTimeout(timer);
}

/** Runs `cleanup` once on SIGINT/SIGTERM, then exits (130/143). */
export function cleanupOnSignals(cleanup) {
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ]) {
    process.once(signal, async () => {
      await Promise.race([cleanup().catch(() => undefined), delay(5000)]);
      process.exit(code);
    });
  }
}
