import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { printable } from '../../src/report/printable.ts';
import { run, type OutputFormat, type RunRequest } from '../../src/cli/run.ts';
import type { PortsFormat } from '../../src/report/ports.ts';
import { stdoutText } from '../support/cli.ts';
import { temporaryDirectory } from '../support/temporary.ts';

/** Terminal escapes, and characters that reorder or hide text (Trojan Source). */
const hostile = '\u001b]0;pwned\u0007\u001b[2J\u202e\u2066\u200b';
const hostileEscaped = '\\x1b]0;pwned\\x07\\x1b[2J\\u202e\\u2066\\u200b';
/** What no line meant for a person may hold: controls but tab and LF, and the bidirectional and zero-width characters. */
const raw = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;

const directory = temporaryDirectory();
afterAll(() => rmSync(directory, { recursive: true, force: true }));
const module = `m${hostile}`;
mkdirSync(join(directory, module));
writeFileSync(
  join(directory, module, 'inetd.conf'),
  [
    `echo${hostile} stream tcp nowait root internal`,
    'echo stream tcp nowait root internal',
    '1001 stream tcp nowait root =cmd|calc!A0',
    '1002 stream tcp nowait root @sum',
    '1003 stream tcp nowait root +cmd',
    '1004 stream tcp nowait root -2+3',
    '',
  ].join('\n'),
);

/** The module as given on the command line: relative, as vos-audit shows paths. */
const given = relative(process.cwd(), join(directory, module));
const shown = printable(given);

async function report(mode: 'check' | 'ports', format: string): Promise<string> {
  const base = { paths: [given], settings: {}, kinds: new Map(), toolVersion: 'test' };
  const request: RunRequest =
    mode === 'ports'
      ? { ...base, command: 'ports', format: format as PortsFormat }
      : { ...base, command: 'audit', mode, format: format as OutputFormat, suggestions: false };
  return stdoutText((await run(request)).stdout);
}

describe('what a person reads shows hostile characters escaped', () => {
  it.each([
    ['text', 'check'],
    ['gcc', 'check'],
    ['github', 'check'],
    ['text', 'ports'],
    ['csv', 'ports'],
  ] as const)('%s (%s)', async (format, mode) => {
    const output = (await report(mode, format)).replace(/\r\n/g, '\n');
    expect(output).not.toMatch(raw);
    expect(output).toContain(`m${hostileEscaped}`);
  });

  it('the ports table names its module escaped', async () => {
    expect((await report('ports', 'text')).split('\n').find((line) => line.startsWith('module '))).toBe(
      `module ${shown}`,
    );
  });

  it('the github format escapes the file property and the message', async () => {
    const line = (await report('check', 'github')).split('\n').find((text) => text.includes("Service name 'echo"));
    expect(line).toContain(`file=${shown}/inetd.conf,`);
    expect(line).toContain(`::Service name 'echo${hostileEscaped}'`);
  });

  it('CSV cells that a spreadsheet would read as a formula are quoted text', async () => {
    const cells = (await report('ports', 'csv')).split('\r\n').map((line) => line.split(','));
    const daemon = cells[0]!.indexOf('daemon');
    const daemons = cells.map((row) => row[daemon]);
    expect(daemons).toContain('"\'=cmd|calc!a0"');
    expect(daemons).toContain('"\'@sum"');
    expect(daemons).toContain('"\'+cmd"');
    expect(daemons).toContain('"\'-2+3"');
    for (const row of cells) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('a module named to inject a formula through a semicolon stays text in a semicolon-separated spreadsheet', async () => {
    const name = 'x;=HYPERLINK(1)';
    mkdirSync(join(directory, name));
    writeFileSync(join(directory, name, 'inetd.conf'), 'echo stream tcp nowait root internal\n');
    const request: RunRequest = {
      paths: [relative(process.cwd(), join(directory, name))],
      settings: {},
      kinds: new Map(),
      toolVersion: 'test',
      command: 'ports',
      format: 'csv',
    };
    const csv = stdoutText((await run(request)).stdout);
    const rows = parse(csv, { delimiter: ';', relax_quotes: true, relax_column_count: true });
    expect(rows.flat().filter((field) => /^[=+\-@]/.test(field))).toEqual([]);
    expect(rows.flat().some((field) => field.startsWith("'=HYPERLINK(1)"))).toBe(true);
  });

  it('JSON keeps the data exact', async () => {
    const json = JSON.parse(await report('check', 'json'));
    expect(json.files[0].path).toBe(join(given, 'inetd.conf'));
    expect(json.files[0].messages.map((m: { reason: string }) => m.reason)).toContain(
      `Service name 'echo${hostile}' maps to no port (it is not in the services file): inetd cannot listen for it; write a name from the services file or a port number`,
    );
    expect(JSON.parse(await report('ports', 'json')).modules[0].name).toBe(given);
  });
});

describe('printable', () => {
  const escaped = (code: number) =>
    code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  it.each([
    0x1b, 0x85, 0x9b, 0x61c, 0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x2028, 0x2029, 0x202a, 0x202b, 0x202c, 0x202d,
    0x202e, 0x2060, 0x2066, 0x2067, 0x2068, 0x2069, 0xfeff,
  ])('escapes %d', (code) => expect(printable(`a${String.fromCharCode(code)}b`)).toBe(`a${escaped(code)}b`));

  it('leaves tabs and ordinary non-ASCII text alone', () => {
    expect(printable('été\tβ 東京 😀')).toBe('été\tβ 東京 😀');
  });
});
