/* global document, window, MutationObserver -- inside the page and the panel frame (Playwright evaluate callbacks) */
// From the last keystroke to every surface showing the new version, in a real VS Code
// (code-server 4.99.4 + Debian's Chromium) with this checkout's build loaded as the
// extension under development: a person types into a 300-line PyTorch file and we watch,
// in the page's own DOM, when the inline hint of the edited layer, the status bar and the
// inspector panel's totals show the figures of the new text. Each edit is a burst of
// keystrokes (Backspace, a digit, Backspace, a digit, KEY_GAP_MS apart) on the out_channels
// of one conv; every surface is watched by a MutationObserver in its own document, which
// notes Date.now() when its expected text appears. Prints, per surface and for all three,
// the median and 90th percentile over RUNS edits, and the spread between the first and
// the last surface. Needs what the integration tests need (`bash .ci/run` installs it).
// Run: `npm run bench:sync` (RUNS=20, KEY_GAP_MS=90 by default).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { cleanupOnSignals, codeServerSession, remoteUri, repoRoot, workbenchUrl } from '../vscode/codeServer.mjs';
import { Workbench } from '../../test/e2e/harness/workbench.mjs';
import { formatCompact, formatCount, formatShort } from '../../src/analysis/format.ts';
import { median } from './statistics.ts';

const runs = Number(process.env.RUNS ?? 20);
const keyGapMs = Number(process.env.KEY_GAP_MS ?? 90);
const timeoutMs = 5000;

/** Output channels of the twelve blocks. */
const WIDTHS = [32, 32, 64, 64, 64, 128, 128, 128, 128, 256, 256, 256];

/** A 300-line PyTorch file: helpers, a model of 24 convs, data loading and a training loop, as real files have. */
function modelSource() {
  const lines = ['import argparse', 'import torch', 'import torch.nn as nn', 'import torch.nn.functional as F', ''];
  lines.push(
    '',
    'def conv_bn(cin, cout, stride=1):',
    '    return nn.Sequential(',
    '        nn.Conv2d(cin, cout, 3, stride, 1, bias=False),',
    '        nn.BatchNorm2d(cout),',
    '        nn.ReLU(inplace=True),',
    '    )',
    '',
  );
  lines.push('', 'class Net(nn.Module):', '    def __init__(self):', '        super().__init__()');
  let previous = 3;
  WIDTHS.forEach((width, index) => {
    const stride = index > 0 && WIDTHS[index - 1] !== width ? 2 : 1;
    lines.push(`        self.block${index} = conv_bn(${previous}, ${width}, ${stride})`);
    lines.push(`        self.extra${index} = nn.Conv2d(${width}, ${width}, 3, padding=1)`);
    previous = width;
  });
  lines.push(`        self.head = nn.Conv2d(256, ${HEAD_DIGIT}00, 3, padding=1)`, '', '    def forward(self, x):');
  WIDTHS.forEach((_, index) => lines.push(`        x = self.extra${index}(self.block${index}(x))`));
  lines.push('        x = self.head(x)', '        return F.adaptive_avg_pool2d(x, 1).flatten(1)', '');
  // What surrounds a model in a real file: no layers, so no analysis work worth the name.
  lines.push('', 'def train(model, loader, epochs):', '    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)');
  while (lines.length < 285) lines.push(`    # step ${lines.length}: forward, loss, backward, update`, '    pass');
  lines.push('', '', 'net = Net()', 'out = net(torch.randn(1, 3, 64, 64))', 'print(out.shape)');
  while (lines.length < 300) lines.push('');
  return lines.join('\n');
}

/** The hundreds digit of the head's out_channels in the file as written. */
const HEAD_DIGIT = 5;
/** Parameters of the file without the head: each block's conv (no bias) and batch norm, and its extra conv (PyTorch's own counts). */
const BASE_PARAMS = (() => {
  let previous = 3;
  let total = 0;
  for (const width of WIDTHS) {
    total += previous * width * 9 + 2 * width + (width * width * 9 + width);
    previous = width;
  }
  return total;
})();
/** Conv2d(256, out, 3) has 256·9 weights and a bias per output channel. */
const HEAD_PARAMS_PER_CHANNEL = 256 * 9 + 1;

/**
 * In the page (or the panel's frame): resolves with Date.now() when the text of the elements
 * matching `selector` matches `source` (a regular expression), watching every DOM change;
 * -1 after `timeoutMs`.
 */
function watchText([selector, source, timeoutMs]) {
  const pattern = new RegExp(source);
  return new Promise((resolve) => {
    const test = () => pattern.test([...document.querySelectorAll(selector)].map((element) => (element.textContent ?? '').replace(/\u00a0/g, ' ')).join('\n'));
    if (test()) return resolve(Date.now());
    const observer = new MutationObserver(() => {
      if (!test()) return;
      observer.disconnect();
      resolve(Date.now());
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    setTimeout(() => {
      observer.disconnect();
      resolve(-1);
    }, timeoutMs);
  });
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(p * values.length))];

const source = modelSource();
const workspace = mkdtempSync(join(tmpdir(), 'conv-inspector-sync-'));
writeFileSync(join(workspace, 'net300.py'), source);
const session = codeServerSession();
cleanupOnSignals(() => session.close());
try {
  const { server, browser } = await session.start();
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  const consoleLines = [];
  page.on('console', (message) => consoleLines.push(message.text()));
  await page.goto(
    workbenchUrl(server, workspace, [
      ['extensionDevelopmentPath', remoteUri(server, repoRoot)],
      ['skipWelcome', 'true'],
    ]),
  );
  const workbench = new Workbench(page, server, consoleLines);
  await workbench.waitForReady();
  await workbench.openFile('net300.py');
  await workbench.waitForExtensionActive(60_000);
  await workbench.runCommand('Conv Inspector: Open Inspector');
  const panel = await workbench.webviewFrame('#app');
  const headText = `self.head = nn.Conv2d(256, ${HEAD_DIGIT}00`;
  const headLine = source.split('\n').findIndex((line) => line.includes(headText)) + 1;
  const headColumn = source.split('\n')[headLine - 1].indexOf(headText) + headText.length - 1;
  // Wait for the first analysis everywhere, then put the cursor right after the hundreds digit.
  const ready = await Promise.all([page.evaluate(watchText, ['.statusbar', 'Net: .* params', 30_000]), panel.evaluate(watchText, ['.totals', 'Total params', 30_000])]);
  if (ready.includes(-1)) throw new Error('the first analysis never reached the status bar and the panel');
  await workbench.goTo(headLine, headColumn);
  await page.evaluate(() => {
    window.lastKeyAt = 0;
    window.addEventListener('keydown', () => (window.lastKeyAt = Date.now()), true);
  });
  const figures = { hint: [], status: [], panel: [], all: [], spread: [] };
  let misses = 0;
  let digit = HEAD_DIGIT;
  for (let run = 0; run < runs; run += 1) {
    // A burst over the head's hundreds digit: Backspace, a digit, Backspace, the final digit.
    // The passing digit differs from the final one, which differs from the one before.
    const passing = 1 + ((digit + 4) % 9);
    digit = 1 + (digit % 9);
    const out = digit * 100;
    const total = BASE_PARAMS + HEAD_PARAMS_PER_CHANNEL * out;
    const expected = {
      hint: [
        '.editor-group-container.active .view-lines',
        `Conv2d\\(256, ${out}, 3, padding=1\\)\\s*→ \\[1, ${out}, \\d+, \\d+\\] · ${escape(formatShort(HEAD_PARAMS_PER_CHANNEL * out))}`,
      ],
      status: ['.statusbar', `Net: ${escape(formatCompact(total))} params`],
      panel: ['.totals', `Total params\\s*${escape(formatCount(total))}`],
    };
    const watched = [
      page.evaluate(watchText, [...expected.hint, timeoutMs]),
      page.evaluate(watchText, [...expected.status, timeoutMs]),
      panel.evaluate(watchText, [...expected.panel, timeoutMs]),
    ];
    for (const key of ['Backspace', String(passing), 'Backspace', String(digit)]) {
      await page.keyboard.press(key);
      await delay(keyGapMs);
    }
    const [hint, status, shown] = await Promise.all(watched);
    const lastKey = await page.evaluate(() => window.lastKeyAt);
    if ([hint, status, shown].includes(-1)) {
      misses += 1;
      console.log(`  run ${run + 1}: not every surface showed out_channels=${out} within ${timeoutMs} ms (hint ${hint}, status ${status}, panel ${shown})`);
      if (process.env.DEBUG) {
        const texts = await page.evaluate(() => [
          document.querySelector('.statusbar')?.textContent,
          document.querySelector('.editor-group-container.active .view-lines')?.textContent,
        ]);
        console.log(
          texts[0],
          '\n',
          texts[1]?.slice(texts[1].indexOf('self.head') - 20, texts[1].indexOf('self.head') + 120),
          '\n',
          await panel.evaluate(() => document.querySelector('.totals')?.textContent),
        );
        await page.screenshot({ path: '/tmp/sync-miss.png' });
      }
      continue;
    }
    const times = { hint: hint - lastKey, status: status - lastKey, panel: shown - lastKey };
    if (process.env.DEBUG) console.log(`  run ${run + 1} (out_channels ${out}): hint ${times.hint} ms, status bar ${times.status} ms, panel ${times.panel} ms`);
    for (const [name, value] of Object.entries(times)) figures[name].push(value);
    figures.all.push(Math.max(...Object.values(times)));
    figures.spread.push(Math.max(...Object.values(times)) - Math.min(...Object.values(times)));
    await delay(400);
  }
  const show = (values) => `median ${median(values).toFixed(0)} ms, p90 ${percentile(values, 0.9).toFixed(0)} ms, max ${Math.max(...values).toFixed(0)} ms`;
  console.log(`net300.py (${source.split('\n').length} lines), VS Code 1.99.3 (code-server + Chromium), ${figures.all.length} edits of 4 keys ${keyGapMs} ms apart:`);
  console.log(`  last keystroke -> inline hint shows the new figures:  ${show(figures.hint)}`);
  console.log(`  last keystroke -> status bar shows them:              ${show(figures.status)}`);
  console.log(`  last keystroke -> panel totals show them:             ${show(figures.panel)}`);
  console.log(`  last keystroke -> all three:                          ${show(figures.all)}`);
  console.log(`  first to last surface (versions shown side by side):  ${show(figures.spread)}`);
  if (misses > 0) console.log(`  ${misses} edits missed the ${timeoutMs} ms window`);
} finally {
  await session.close();
  rmSync(workspace, { recursive: true, force: true });
}
