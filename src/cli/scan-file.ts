import { readSource } from '../io/read.ts';
import { parseNmapXml, ScanError, type Scan } from '../scan/nmap-scan.ts';
import type { Source } from '../syntax/source.ts';

/** An nmap XML scan read and parsed, or why it cannot be used (a one-line message, for exit 2). */
export type ScanRead = { ok: true; scan: Scan; source: Source } | { ok: false; reason: string };

/** Reads `--scan FILE` (`-` for standard input) and parses it as nmap XML. */
export function readScan(path: string, readStandardInput: (() => Buffer) | undefined): ScanRead {
  const read = readSource({ path, location: path }, readStandardInput);
  if (!read.ok) return { ok: false, reason: read.reason };
  try {
    return { ok: true, scan: parseNmapXml(read.source.text), source: read.source };
  } catch (error) {
    if (error instanceof ScanError)
      return { ok: false, reason: `${path === '-' ? 'standard input' : path} ${error.message}` };
    throw error;
  }
}
