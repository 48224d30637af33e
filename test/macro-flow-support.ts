import { main } from '../src/cli/program.ts';
import { decide, type Decided } from '../src/model/decide.ts';
import { parseModuleFiles, type MacroFile } from '../src/model/files.ts';
import { macroStarts, type MacroFacts } from '../src/model/macro-starts.ts';
import { placeText } from '../src/model/place.ts';
import { defaultSettings } from '../src/model/settings.ts';
import { decodeSource } from '../src/syntax/source.ts';

export interface StartSeen extends Decided {
  evidence: string[];
}

/**
 * The starts of a module made of the macros given (the first is the entry), by program, decided: what the model
 * says of each start line. Programs are named so that each start line can be told apart (`a.pm`, `b.pm`).
 */
export function startsOf(macros: Record<string, string>, products?: string[]): { starts: Map<string, StartSeen>; facts: MacroFacts } {
  const files = parseModuleFiles(Object.entries(macros).map(([path, text]) => ({ source: decodeSource(path, Buffer.from(text)), kind: 'macro' as const }))) as MacroFile[];
  const byName = new Map(files.map((file) => [file.source.path.replace(/\.cm$/, ''), file]));
  const settings = { ...defaultSettings, ...(products && { products: new Set(products) }) };
  const facts = macroStarts([files[0]!], byName, settings);
  const starts = new Map<string, StartSeen>();
  for (const event of facts.starts) {
    const key = event.off ? `off ${event.program}` : event.program;
    if (starts.has(key)) throw new Error(`two events for ${key}`);
    starts.set(key, { ...decide(event, settings), evidence: event.evidence.map(placeText) });
  }
  return { starts, facts };
}

/** The state of each start line in words: `live`, `dead`, `off`, or its condition. */
export function verdicts(macros: Record<string, string>, products?: string[]): Record<string, string> {
  const { starts } = startsOf(macros, products);
  return Object.fromEntries([...starts].map(([program, start]) => [program, start.state === 'conditional' ? (start.condition ?? start.note!) : start.state]));
}

/** Runs the CLI in-process from `cwd`: its exit code and what it wrote. */
export async function runInProcess(args: string[], cwd: string): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const streams = { stdout: { write: (chunk: string | Uint8Array) => (stdout += String(chunk)) }, stderr: { write: (chunk: string) => (stderr += chunk) }, env: {}, readStandardInput: () => Buffer.alloc(0) };
  const previous = process.cwd();
  process.chdir(cwd);
  try {
    const status = await main(['node', 'vos-audit', ...args], streams);
    return { status, stdout, stderr };
  } finally {
    process.chdir(previous);
  }
}
