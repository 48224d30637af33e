import { painter, type Paint } from './paint.ts';

const heading = /^(#{1,3}) (.*)$/;
const fence = /^```/;

function inline(text: string, paint: Paint): string {
  return text.replace(/`([^`]+)`/g, (_match, code: string) => paint('code', code));
}

/**
 * The Markdown of a rule page (headings, paragraphs, lists, fenced code, `inline code`) as a terminal shows it, in
 * the manner of a man page: no `#` or backticks; headings flush left (section headings in capitals), the text under
 * them indented, code blocks indented further and left as written. Bold and colour only when `color`.
 */
export function renderMarkdownForTerminal(markdown: string, color: boolean): string {
  const paint = painter(color);
  const lines: string[] = [];
  let indent = '';
  let inCode = false;
  for (const line of markdown.replace(/\n$/, '').split('\n')) {
    if (fence.test(line)) {
      inCode = !inCode;
      continue;
    }
    if (inCode) {
      lines.push(line === '' ? '' : `${indent}    ${line}`);
      continue;
    }
    const [, marks, title] = heading.exec(line) ?? [];
    if (marks !== undefined && title !== undefined) {
      const depth = marks.length;
      const text = inline(depth === 2 ? title.toUpperCase() : title, (_style, code) => code);
      lines.push(`${depth === 3 ? '  ' : ''}${paint('bold', text)}`);
      indent = depth === 3 ? '    ' : '  ';
      continue;
    }
    lines.push(line === '' ? '' : `${indent}${inline(line, paint)}`);
  }
  return `${lines.join('\n')}\n`;
}
