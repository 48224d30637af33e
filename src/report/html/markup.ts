import { printable } from '../printable.ts';

/**
 * Markup that is safe to put in the page as it is: only the `html` template and `raw` make one, and the template
 * escapes everything interpolated into it that is not already markup. Text from the input (names, lines, reasons)
 * can therefore reach the page only escaped.
 */
export class Markup {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export type Content = Markup | string | number | undefined | null | false | readonly Content[];

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text for an element or a quoted attribute: the characters that end text or an attribute escaped, and the
 * controls, bidirectional and zero-width characters shown as `\u202e`, as every other output shows them.
 */
export function escapeText(text: string): string {
  return printable(text).replace(/[&<>"']/g, (c) => entities[c]!);
}

function flatten(content: Content): string {
  if (content instanceof Markup) return content.text;
  if (content === undefined || content === null || content === false) return '';
  if (typeof content === 'number') return String(content);
  if (typeof content === 'string') return escapeText(content);
  let out = '';
  for (const item of content) out += flatten(item);
  return out;
}

/**
 * The static parts of a template made small: the source keeps its templates formatted (Prettier lays them out as
 * HTML), and the page need not carry the layout. White space next to the tag of a block or table element is not
 * rendered, so it goes; any other line break and its indentation become one space, which renders the same. The
 * page has no <pre> whose static text spans lines.
 */
const squeezed = new WeakMap<TemplateStringsArray, string[]>();
const block =
  '(?:html|head|body|meta|title|style|script|header|nav|main|section|article|div|h[1-6]|p|ul|ol|li|dl|dt|dd|' +
  'table|caption|thead|tbody|tr|th|td|fieldset|legend|select|option|dialog|svg|g|rect|path|line|text)';
const afterBlockTag = new RegExp(`(<\\/?${block}\\b[^<>]*>)\\n\\s*`, 'g');
const beforeBlockTag = new RegExp(`\\n\\s*(?=<\\/?${block}\\b)`, 'g');

function squeeze(strings: TemplateStringsArray): string[] {
  let parts = squeezed.get(strings);
  if (parts === undefined) {
    parts = strings.map((part) => part.replace(afterBlockTag, '$1').replace(beforeBlockTag, '').replace(/\n\s*/g, ' '));
    squeezed.set(strings, parts);
  }
  return parts;
}

/** The template of all markup: `html\`<td>${name}</td>\`` escapes `name`; arrays are joined, false and nullish left out. */
export function html(strings: TemplateStringsArray, ...values: Content[]): Markup {
  const parts = squeeze(strings);
  let out = parts[0]!;
  for (let i = 0; i < values.length; i++) out += flatten(values[i]) + parts[i + 1]!;
  return new Markup(out);
}

/**
 * The end tags HTML lets a document leave out because the next start tag or the parent's end tag closes the element
 * anyway (a list item, a term and its description, a table row and cell, an option): about a tenth of the report's
 * bytes. Every `</td>` in markup is a tag, since the text in it has its `<` escaped; the markup must hold no
 * `<style>` or `<script>`, whose text is not.
 */
export function withoutOptionalEndTags(markup: Markup): Markup {
  return new Markup(markup.text.replace(/<\/(?:li|dt|dd|tr|td|th|option)>/g, ''));
}

/** Markup written by vos-audit itself (the style sheet, the script, the SVG's fixed parts): never input. */
export function raw(text: string): Markup {
  return new Markup(text);
}
