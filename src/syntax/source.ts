import { isAscii, isUtf8 } from 'node:buffer';

export type Encoding = 'utf8' | 'latin1';
export type LineEnding = 'lf' | 'crlf' | 'cr' | 'none';

/** A file's identity on its file system: the same device and inode is the same file, whatever its name now. */
export interface FileIdentity {
  device: bigint;
  inode: bigint;
}

/** Where a file was read: a write finds the same file in the same directory again, or refuses. */
export interface ReadOrigin {
  /** Its real path then, links resolved. */
  path: Buffer;
  file: FileIdentity;
  directory: FileIdentity;
}

/** A configuration file as read: the decoded text plus what is needed to write it back byte for byte. */
export interface Source {
  path: string;
  text: string;
  encoding: Encoding;
  /** A UTF-8 byte-order mark; it is not part of `text` and is written back in front of it. */
  bom: boolean;
  /** The first line ending in the file, for any line a fix adds. */
  eol: LineEnding;
  /** The bytes as read, which a write compares with the file on disk before replacing it. */
  bytes: Uint8Array;
  /** Where the file was read, and which file it was: where a fix is written. Undefined for standard input. */
  origin?: ReadOrigin;
}

function detectLineEnding(text: string): LineEnding {
  const match = /\r\n|\r|\n/.exec(text);
  if (match === null) return 'none';
  return match[0] === '\r\n' ? 'crlf' : match[0] === '\r' ? 'cr' : 'lf';
}

/** Decodes UTF-8 when the bytes are valid UTF-8, else latin1, which maps every byte to one character and back. */
export function decodeSource(path: string, bytes: Uint8Array): Source {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  const buffer = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  // ASCII, the usual case, reads the same in both; latin1 decodes it several times faster.
  const source = (text: string, encoding: Encoding): Source => ({
    path,
    text,
    encoding,
    bom,
    eol: detectLineEnding(text),
    bytes,
  });
  if (isAscii(buffer)) return source(buffer.toString('latin1'), 'utf8');
  if (isUtf8(buffer)) return source(buffer.toString('utf8'), 'utf8');
  return source(buffer.toString('latin1'), 'latin1');
}

const lineBreaks: Record<LineEnding, string> = { lf: '\n', crlf: '\r\n', cr: '\r', none: '\n' };

/** The line break a line added to the source ends with: the file's first, else a line feed. */
export function lineBreakOf(source: Pick<Source, 'eol'>): string {
  return lineBreaks[source.eol];
}

/** Encodes a new text for the source, the way the original was encoded. */
export function encodeSource(source: Source, text: string): Buffer {
  const body = Buffer.from(text, source.encoding);
  return source.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}
