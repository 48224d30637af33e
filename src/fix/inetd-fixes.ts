import type { InetdEntry } from '../syntax/inetd.ts';
import type { Fix } from './edit.ts';

/** Offset of the start of the entry's line, before any indentation. */
function lineStart(entry: InetdEntry): number {
  return entry.position.start.offset - entry.position.start.column + 1;
}

function lineNumber(entry: InetdEntry): number {
  return entry.position.start.line;
}

/** Comments an entry out with `#` at the start of its line, keeping the line's text after the marker. */
export function commentOutEntry(entry: InetdEntry): Fix {
  const at = lineStart(entry);
  return {
    description: `commented out line ${lineNumber(entry)} (${entry.service.value}/${entry.protocol.value})`,
    edits: [{ start: at, end: at, text: '#' }],
  };
}

/** Removes the `#` marks (and the blanks after them) in front of a disabled entry. */
export function enableEntry(entry: InetdEntry): Fix {
  return {
    description: `re-enabled line ${lineNumber(entry)} (${entry.service.value}/${entry.protocol.value} through tcpd)`,
    edits: [{ start: entry.position.start.offset, end: entry.textStart, text: '' }],
  };
}
