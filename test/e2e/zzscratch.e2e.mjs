/* global describe, it, document */
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { repoRoot } from '../../tools/vscode/codeServer.mjs';
import { openWorkbench } from './harness/session.mjs';
const files = (process.env.ZZ_FILES ?? 'resnet.py,shufflenet.py,unet_model.py,dcgan.py,mobilenetv2.py').split(',');
describe('scratch real files', function () {
  it('looks', async function () {
    const wb = await openWorkbench({ folder: join(repoRoot, 'test/fixtures/pytorch/real') });
    await wb.openFile(files[0]);
    await wb.waitForExtensionActive();
    await wb.runCommand('Conv Inspector: Focus on Inspector View');
    await wb.setSideBarWidth(300);
    for (const file of files) {
      await wb.openFile(file);
      await delay(2500);
      const frame = await wb.webviewFrame('#app');
      const panel = await frame.evaluate(() => ({
        title: document.querySelector('header h1')?.textContent,
        options: [...document.querySelectorAll('select option')].map((o) => o.textContent),
        banner: document.querySelector('.banner, #banner, [role="alert"], .root-cause')?.textContent,
        totals: [...document.querySelectorAll('#totals .fact')].map((f) => f.textContent),
        rows: [...document.querySelectorAll('#layers tbody tr')].slice(0, 6).map((r) => r.textContent),
        body: document.body.innerText.slice(0, 600),
      }));
      const status = await wb.page.evaluate(() => [...document.querySelectorAll('.statusbar-item')].map((s) => s.textContent).filter((t) => /params|error|Conv/.test(t)));
      const problems = await wb.readProblems();
      console.log(`\n===== ${file}\nSTATUS ${JSON.stringify(status)}\nPANEL ${JSON.stringify(panel, null, 1)}\nPROBLEMS (${problems.length}) ${problems.slice(0, 12).join('\n  ')}`);
      await wb.screenshot(`zz-real-${file}`);
      await wb.page.keyboard.press('Control+Shift+M');
    }
  });
});
