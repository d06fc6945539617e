import * as assert from 'node:assert/strict';
import { MAX_PNG_DATA_URL_LENGTH, describeRejected, parseFromPanel } from '../../../src/protocol';

describe('panel protocol guard (parseFromPanel)', () => {
  it('accepts every well-formed message and copies only the known fields', () => {
    const accepted: unknown[] = [
      { type: 'ready' },
      { type: 'selectModel', modelIndex: 2 },
      { type: 'selectLayer', index: 0 },
      { type: 'revealLayer', index: 41 },
      { type: 'requestVariants', index: 3 },
      { type: 'computeFeatureMaps', index: 0 },
      { type: 'cancelFeatureMaps' },
      { type: 'zoomFeatureMap', index: 4, firstChannel: 18 },
      { type: 'featureMapOptions', scaling: 'layer', stripChannel: 0 },
      { type: 'featureMapOptions', scaling: 'channel', stripChannel: 7 },
      { type: 'setInputShape', text: '1, 3, 224, 224' },
      { type: 'export', format: 'markdown' },
      { type: 'export', format: 'csv' },
      { type: 'export', format: 'json' },
      { type: 'exportPng', dataUrl: 'data:image/png;base64,iVBORw0KGgo=' },
      { type: 'revealGraphNode', id: 'add:3' },
      { type: 'exportSvg', svg: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' },
      { type: 'log', message: 'oops' },
    ];
    for (const message of accepted) assert.deepEqual(parseFromPanel(message), message, JSON.stringify(message));
    assert.deepEqual(parseFromPanel({ type: 'selectLayer', index: 1, extra: 'x', __proto__: { polluted: true } }), { type: 'selectLayer', index: 1 });
  });

  it('drops graph messages with a missing or oversized id, and text that is not one SVG element', () => {
    for (const id of [undefined, 3, 'x'.repeat(1001)]) assert.equal(parseFromPanel({ type: 'revealGraphNode', id }), undefined, String(id));
    for (const svg of [undefined, '', '<html></html>', '<svg ', 'data:image/svg+xml,<svg></svg>', `<svg ${'a'.repeat(MAX_PNG_DATA_URL_LENGTH)}></svg>`]) {
      assert.equal(parseFromPanel({ type: 'exportSvg', svg }), undefined, String(svg).slice(0, 30));
    }
  });

  it('drops values that are not messages', () => {
    for (const value of [undefined, null, 0, 1, 'ready', true, [], [{ type: 'ready' }], () => 1, Symbol('ready'), 10n]) {
      assert.equal(parseFromPanel(value), undefined, String(typeof value));
    }
  });

  it('drops unknown or mistyped message types', () => {
    for (const message of [
      {},
      { type: 'Ready' },
      { type: 'ready ' },
      { type: 7 },
      { type: ['ready'] },
      { type: 'toString' },
      { type: '__proto__' },
      { type: 'constructor' },
      { type: 'hasOwnProperty' },
      { type: 'state', state: {} },
    ]) {
      assert.equal(parseFromPanel(message), undefined, JSON.stringify(message));
    }
  });

  it('drops indices that are not non-negative safe integers', () => {
    for (const index of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, '3', null, undefined, [1], { valueOf: () => 1 }]) {
      assert.equal(parseFromPanel({ type: 'selectLayer', index }), undefined, String(index));
      assert.equal(parseFromPanel({ type: 'revealLayer', index }), undefined, String(index));
      assert.equal(parseFromPanel({ type: 'requestVariants', index }), undefined, String(index));
      assert.equal(parseFromPanel({ type: 'computeFeatureMaps', index }), undefined, String(index));
      assert.equal(parseFromPanel({ type: 'selectModel', modelIndex: index }), undefined, String(index));
    }
    assert.equal(parseFromPanel({ type: 'selectModel', index: 1 }), undefined, 'wrong field name');
    assert.equal(parseFromPanel({ type: 'computeFeatureMaps' }), undefined, 'missing layer index');
    assert.deepEqual(parseFromPanel({ type: 'cancelFeatureMaps', index: 3, run: 'all' }), { type: 'cancelFeatureMaps' }, 'extra fields dropped');
  });

  it('drops odd feature-map zoom and option messages', () => {
    for (const bad of [-1, 0.5, Number.NaN, '2', null, undefined, 2 ** 53]) {
      assert.equal(parseFromPanel({ type: 'zoomFeatureMap', index: bad, firstChannel: 0 }), undefined, `index ${String(bad)}`);
      assert.equal(parseFromPanel({ type: 'zoomFeatureMap', index: 0, firstChannel: bad }), undefined, `firstChannel ${String(bad)}`);
      assert.equal(parseFromPanel({ type: 'featureMapOptions', scaling: 'layer', stripChannel: bad }), undefined, `stripChannel ${String(bad)}`);
    }
    assert.equal(parseFromPanel({ type: 'zoomFeatureMap', index: 1 }), undefined, 'missing channel');
    assert.equal(parseFromPanel({ type: 'featureMapOptions', scaling: 'LAYER', stripChannel: 0 }), undefined, 'unknown scaling');
    assert.equal(parseFromPanel({ type: 'featureMapOptions', scaling: ['layer'], stripChannel: 0 }), undefined, 'scaling not a string');
    assert.equal(parseFromPanel({ type: 'featureMapOptions', stripChannel: 0 }), undefined, 'missing scaling');
    assert.equal(parseFromPanel({ type: 'featureMapOptions', scaling: 'channel', stripChannel: 2 ** 21 }), undefined, 'channel past any layer');
    assert.deepEqual(
      parseFromPanel({ type: 'zoomFeatureMap', index: 1, firstChannel: 2, rgba: [1, 2], all: true }),
      { type: 'zoomFeatureMap', index: 1, firstChannel: 2 },
      'extra fields dropped',
    );
    const throwing = Object.defineProperty({ type: 'zoomFeatureMap', index: 1 }, 'firstChannel', {
      get() {
        throw new Error('boom');
      },
    });
    assert.equal(parseFromPanel(throwing), undefined, 'a throwing getter is no crash');
  });

  it('drops bad input-shape text, export formats and PNG payloads', () => {
    assert.equal(parseFromPanel({ type: 'setInputShape', text: 42 }), undefined);
    assert.equal(parseFromPanel({ type: 'setInputShape' }), undefined);
    assert.equal(parseFromPanel({ type: 'setInputShape', text: 'x'.repeat(1001) }), undefined);
    for (const format of ['md', 'pdf', 'MARKDOWN', '', null, 1]) assert.equal(parseFromPanel({ type: 'export', format }), undefined, String(format));
    for (const dataUrl of [
      'data:image/svg+xml;base64,PHN2Zz4=',
      'data:text/html;base64,PGgxPg==',
      'javascript:alert(1)',
      'data:image/png;base64,<script>',
      'data:image/png,rawbytes',
      42,
    ]) {
      assert.equal(parseFromPanel({ type: 'exportPng', dataUrl }), undefined, String(dataUrl));
    }
    assert.equal(parseFromPanel({ type: 'exportPng', dataUrl: `data:image/png;base64,${'A'.repeat(MAX_PNG_DATA_URL_LENGTH)}` }), undefined, 'too large');
  });

  it('clips long log messages instead of passing them on', () => {
    const parsed = parseFromPanel({ type: 'log', message: 'x'.repeat(5000) });
    assert.equal(parsed?.type, 'log');
    assert.equal(parsed?.type === 'log' ? parsed.message.length : 0, 1000);
    assert.equal(parseFromPanel({ type: 'log', message: { toString: () => 'x' } }), undefined);
  });

  it('never throws, even on hostile objects', () => {
    const throwing = new Proxy(
      {},
      {
        get: () => {
          throw new Error('boom');
        },
        has: () => {
          throw new Error('boom');
        },
      },
    );
    const getter = Object.defineProperty({ type: 'selectLayer' }, 'index', {
      get: () => {
        throw new Error('boom');
      },
    });
    const cyclic: Record<string, unknown> = { type: 'ready' };
    cyclic.self = cyclic;
    assert.equal(parseFromPanel(throwing), undefined);
    assert.equal(parseFromPanel(getter), undefined);
    assert.deepEqual(parseFromPanel(cyclic), { type: 'ready' });
    assert.equal(parseFromPanel(Object.create(null)), undefined);
    assert.doesNotThrow(() => describeRejected(throwing));
    assert.match(describeRejected({ type: 'evil'.repeat(100) }), /^message with type "evil/);
    assert.equal(describeRejected(5), 'non-object message (number)');
  });
});
