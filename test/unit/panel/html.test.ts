import * as assert from 'node:assert/strict';
import { createNonce, renderPanelHtml } from '../../../src/panel/html';

const input = {
  cspSource: 'https://abc.vscode-cdn.net',
  scriptUri: 'https://abc.vscode-cdn.net/ext/dist/webview.js',
  styleUri: 'https://abc.vscode-cdn.net/ext/media/panel/panel.css',
};

function csp(html: string): string {
  const match = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
  assert.ok(match, 'CSP meta tag present');
  return match[1].replace(/&#39;|&apos;/g, "'");
}

describe('panel html', () => {
  it('has a strict CSP: default none, scripts only by nonce, styles only from the webview origin', () => {
    const html = renderPanelHtml({ ...input, nonce: 'abc123' });
    const policy = csp(html);
    assert.match(policy, /^default-src 'none';/);
    assert.match(policy, /script-src 'nonce-abc123'(;|$)/);
    assert.match(policy, /style-src https:\/\/abc\.vscode-cdn\.net(;|$)/);
    assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval|\*/);
    // Workers only from blobs our own script makes (the graph layout worker), never by URL.
    assert.match(policy, /worker-src blob:(;|$)/);
  });

  it('loads only our bundle and stylesheet, with the nonce, and no inline handlers or remote content', () => {
    const html = renderPanelHtml({ ...input, nonce: 'abc123' });
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
    assert.deepEqual(scripts, ['<script nonce="abc123" src="https://abc.vscode-cdn.net/ext/dist/webview.js">']);
    assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handlers');
    assert.doesNotMatch(html, /<style/i);
    const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
    assert.deepEqual(urls.sort(), [input.scriptUri, input.styleUri].sort());
  });

  it('makes a fresh nonce per render', () => {
    const nonces = new Set(Array.from({ length: 20 }, () => /nonce="([^"]+)"/.exec(renderPanelHtml(input))?.[1]));
    assert.equal(nonces.size, 20);
    assert.ok(createNonce().length >= 22);
  });

  it('escapes URIs so a strange extension path cannot break out of the attribute', () => {
    const html = renderPanelHtml({ ...input, scriptUri: 'https://x/"><script>alert(1)</script>', nonce: 'n' });
    assert.equal((html.match(/<script/g) ?? []).length, 1);
  });
});
