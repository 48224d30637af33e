import type { IToken } from 'chevrotain';

export interface CommentBody {
  /** Where the body starts in the batch text. */
  batchStart: number;
  /** Add to a batch offset to get the file offset. */
  shift: number;
}

export interface CommentBatch {
  text: string;
  bodies: CommentBody[];
}

/**
 * The texts of comments after their marker, one a line, to be parsed together as if they were not commented out:
 * a commented-out start_process line in a macro is configuration that is off. One parse of the batch costs far less
 * than one parse per comment.
 */
export function batchCommentBodies(comments: readonly IToken[], marker: RegExp): CommentBatch {
  const bodies: CommentBody[] = [];
  const texts: string[] = [];
  let batchStart = 0;
  for (const comment of comments) {
    const length = marker.exec(comment.image)?.[0].length ?? 0;
    const text = comment.image.slice(length);
    bodies.push({ batchStart, shift: comment.startOffset + length - batchStart });
    texts.push(text);
    batchStart += text.length + 1;
  }
  return { text: texts.join('\n'), bodies };
}

/** The body that a batch offset falls in. */
export function bodyAt(batch: CommentBatch, offset: number): CommentBody {
  let low = 0;
  let high = batch.bodies.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (batch.bodies[mid]!.batchStart <= offset) low = mid;
    else high = mid - 1;
  }
  return batch.bodies[low]!;
}
