/**
 * Text widths in the table's own font, for sizing columns and shortening paths. Each
 * character is measured once in the DOM (one layout for all new characters, inside the
 * table so its font, size and tabular digits apply) and a text's width is the sum of its
 * characters'. A canvas would be cheaper per call but measures in whatever font it
 * resolves `system-ui` to, which is not the one the table draws with.
 */
import { el } from './dom';

export class TextWidths {
  private readonly widths = new Map<string, number>();
  private font = '';

  /** `host` is the element whose font the texts are drawn in. */
  constructor(private readonly host: HTMLElement) {}

  /** Measures every character of `texts` not measured yet (all in one layout). */
  learn(texts: Iterable<string>): void {
    const style = getComputedStyle(this.host);
    const font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily} ${style.fontVariantNumeric}`;
    if (font !== this.font) {
      this.font = font;
      this.widths.clear();
    }
    const fresh = new Set<string>(['0', '…']);
    for (const text of texts) for (const char of text) fresh.add(char);
    for (const char of this.widths.keys()) fresh.delete(char);
    if (fresh.size === 0) return;
    const spans = [...fresh].map((char) => el('span', {}, char));
    const probe = el('div', { class: 'measure-probe', 'aria-hidden': 'true' }, ...spans);
    this.host.append(probe);
    spans.forEach((span, i) => this.widths.set([...fresh][i], span.getBoundingClientRect().width));
    probe.remove();
  }

  /** The width of one `0`: the CSS `ch` unit of the host's font. */
  get ch(): number {
    return this.widths.get('0') || 8;
  }

  /** Width of `text` in px (characters not learnt count as one `ch`). */
  measure(text: string): number {
    let width = 0;
    for (const char of text) width += this.widths.get(char) ?? this.ch;
    return width;
  }
}
