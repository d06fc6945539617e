/** The Markdown table of `Compare Conv Variants`. Pure. */
import type { LayerRecord } from '../engine/report';
import type { VariantComparison } from '../analysis/compareVariants';
import { describeLayerArgs } from '../analysis/describeLayer';
import { formatAxes, formatCount, formatShape } from '../analysis/format';
import { markdownCell } from '../analysis/tableCells';

export function variantsMarkdown(record: Pick<LayerRecord, 'kind' | 'args' | 'path'>, comparison: VariantComparison, inputAssumed: boolean): string {
  const lines = [
    `# Conv variants of ${record.path}: ${describeLayerArgs(record)}`,
    '',
    `Input ${formatShape(comparison.input)}${inputAssumed ? " (assumed: the file does not give this layer's input)" : ''}. PyTorch; every conv keeps your bias choice and, where a padding can, your output size.`,
    '',
    '| variant | layers | params | MACs | kernel extent | output |',
    '|---|---|---:|---:|---|---|',
  ];
  for (const row of comparison.rows) {
    const output = row.problems.length > 0 ? `error: ${row.problems.join('; ')}` : formatShape(row.output);
    lines.push(
      `| ${row.yours ? `${row.label} (yours)` : row.label} | \`${row.layers}\` | ${row.params === null ? '?' : formatCount(row.params)} | ${row.macs === null ? '?' : formatCount(row.macs)} | ${row.receptiveField ? formatAxes(row.receptiveField) : '?'} | ${markdownCell(output)} |`,
    );
  }
  lines.push('', "Fully connected: every input value to every output value of the standard conv's maps at the input's resolution.", '');
  return lines.join('\n');
}
