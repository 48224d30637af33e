import { cellWidth } from './cells.ts';
import { painter, type Paint } from './paint.ts';
import { defaultWidth } from './table.ts';
import { wrapText } from './wrap.ts';

const heading = /^(#{1,3}) (.*)$/;
const fence = /^```/;
const listItem = /^[-*] /;

/** Tabs as the blanks up to the next stop of eight columns, where a terminal would show the text after them. */
function expandTabs(line: string): string {
  return line.replace(/[^\t]*\t/g, (run) => {
    const text = run.slice(0, -1);
    return text + ' '.repeat(8 - (cellWidth(text) % 8));
  });
}

function inline(text: string, paint: Paint): string {
  return text.replace(/`([^`]+)`/g, (_match, code: string) => paint('code', code));
}

/**
 * The Markdown of a rule page (headings, paragraphs, lists, fenced code, `inline code`) as a terminal shows it, in
 * the manner of a man page: no `#` or backticks; headings flush left (section headings in capitals), the text under
 * them indented and its paragraphs and list items wrapped to `width` terminal cells; code blocks indented further
 * and left as written, but for a line wider than `width`, continued beneath. Bold and colour only when `color`.
 */
export function renderMarkdownForTerminal(markdown: string, color: boolean, width = defaultWidth): string {
  const paint = painter(color);
  const lines: string[] = [];
  let indent = '';
  let inCode = false;
  // The paragraph or list item being read, and what its lines start with: its words are wrapped once it ends.
  let text: string[] = [];
  let hanging = '';
  const flush = () => {
    if (text.length > 0) lines.push(...wrapText(inline(text.join(' '), paint), width, indent, indent + hanging));
    text = [];
  };
  for (const line of markdown.replace(/\n$/, '').split('\n')) {
    if (fence.test(line)) {
      flush();
      inCode = !inCode;
      continue;
    }
    if (inCode) {
      const code = `${indent}    ${expandTabs(line)}`;
      if (line === '') lines.push('');
      else if (cellWidth(code) <= width) lines.push(code);
      else lines.push(...wrapText(expandTabs(line), width, `${indent}    `, `${indent}      `));
      continue;
    }
    const [, marks, title] = heading.exec(line) ?? [];
    if (marks !== undefined && title !== undefined) {
      flush();
      const depth = marks.length;
      const words = inline(depth === 2 ? title.toUpperCase() : title, (_style, code) => code);
      lines.push(
        ...wrapText(words, width, depth === 3 ? '  ' : '', depth === 3 ? '    ' : '  ').map((l) => paint('bold', l)),
      );
      indent = depth === 3 ? '    ' : '  ';
      continue;
    }
    if (line.trim() === '') {
      flush();
      lines.push('');
      continue;
    }
    if (listItem.test(line)) {
      flush();
      hanging = '  ';
    } else if (text.length === 0) hanging = '';
    text.push(line.trim());
  }
  flush();
  return `${lines.join('\n')}\n`;
}
