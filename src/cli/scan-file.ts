import { megabytes, readSource } from '../io/read.ts';
import { maxScanBytes, parseNmapXml, ScanError, type Scan } from '../scan/nmap-scan.ts';
import type { Source } from '../syntax/source.ts';

/** An nmap XML scan read and parsed, or why it cannot be used (a one-line message, for exit 2). */
export type ScanRead = { ok: true; scan: Scan; source: Source } | { ok: false; reason: string };

/** Reads `--scan FILE` (`-` for standard input) and parses it as nmap XML. */
export function readScan(path: string, readStandardInput: (() => Buffer) | undefined): ScanRead {
  const read = readSource({ path, location: path }, readStandardInput);
  if (!read.ok) return { ok: false, reason: read.reason };
  const shown = path === '-' ? 'standard input' : path;
  if (read.source.bytes.length > maxScanBytes)
    return {
      ok: false,
      reason: `${shown} is ${megabytes(read.source.bytes.length, 1)}, more than the ${megabytes(maxScanBytes)} vos-audit reads of an nmap scan; not read`,
    };
  try {
    return { ok: true, scan: parseNmapXml(read.source.text), source: read.source };
  } catch (error) {
    if (error instanceof ScanError) return { ok: false, reason: `${shown} ${error.message}` };
    throw error;
  }
}
