import { append } from '../util/append.ts';

/** Replace `text[start, end)` with `text`; an insertion has start === end. Offsets are into the original text. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** One atomic change: all of its edits are applied, or none. */
export interface Fix {
  description: string;
  edits: TextEdit[];
}

function fixSpan(fix: Fix): { start: number; end: number } {
  return {
    start: fix.edits.reduce((min, edit) => Math.min(min, edit.start), Infinity),
    end: fix.edits.reduce((max, edit) => Math.max(max, edit.end), -Infinity),
  };
}

export interface AppliedFixes {
  text: string;
  applied: Fix[];
}

/**
 * Applies fixes in order of position, skipping any fix whose range overlaps or touches one already taken (its
 * message stays, and a later pass may apply it), then builds the output in one pass.
 */
export function applyFixes(text: string, fixes: readonly Fix[]): AppliedFixes {
  const ordered = fixes
    .filter((fix) => fix.edits.length > 0)
    .map((fix) => ({ fix, span: fixSpan(fix) }))
    .sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const applied: Fix[] = [];
  const edits: TextEdit[] = [];
  let lastEnd = -1;
  for (const { fix, span } of ordered) {
    if (span.start <= lastEnd) continue;
    applied.push(fix);
    append(edits, fix.edits);
    lastEnd = span.end;
  }
  edits.sort((a, b) => a.start - b.start || a.end - b.end);
  let output = '';
  let cursor = 0;
  for (const edit of edits) {
    output += text.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
  }
  return { text: output + text.slice(cursor), applied };
}
