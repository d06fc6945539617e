import { strict as assert } from 'node:assert';
import { EXPORT_FORMATS, isExportFormat } from '../../../src/analysis/exportFormats';

describe('export formats', () => {
  it('lists Markdown, CSV and JSON with their extensions and labels, in UI order', () => {
    assert.deepEqual(Object.entries(EXPORT_FORMATS), [
      ['markdown', { extension: 'md', label: 'Markdown' }],
      ['csv', { extension: 'csv', label: 'CSV' }],
      ['json', { extension: 'json', label: 'JSON' }],
    ]);
  });

  it('accepts only those three from untrusted input', () => {
    for (const format of ['markdown', 'csv', 'json']) assert.ok(isExportFormat(format), format);
    for (const value of ['png', 'toString', '__proto__', 'constructor', '', 'CSV', 1, null, undefined, {}]) assert.ok(!isExportFormat(value), String(value));
  });
});
