/*
 * httpd's Listen lines as the model reads them from httpd.conf, its Includes and its sections, checked against
 * Apache's own reading: `apache2 -t -D DUMP_CONFIG` (Debian's apache2-bin, with mod_info) prints the directives it
 * would run with, after <IfDefine>, <IfModule> and Include. Only the configuration test runs; nothing listens.
 *
 * The model keeps a section it cannot decide as a condition (a parameter no start it sees defines may be defined by
 * one it does not see), where Apache, given only that start line, leaves it out. So a live row must be a Listen of
 * Apache's, and a Listen of Apache's must be a live or conditional row.
 */
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { modelOf } from '../support/model.ts';
import { temporaryDirectory } from '../support/temporary.ts';

const dir = temporaryDirectory('vos-audit-apache2-t-');
const modules = '/usr/lib/apache2/modules';
const oracle = join(dir, 'oracle.conf');
/** What Apache needs to test a configuration at all, before the file under test. */
const preamble = [
  `ServerRoot ${dir}`,
  'ServerName vos-audit.example',
  'ErrorLog /dev/null',
  `PidFile ${join(dir, 'httpd.pid')}`,
  `LoadModule mpm_event_module ${modules}/mod_mpm_event.so`,
  `LoadModule info_module ${modules}/mod_info.so`,
  `Include ${join(dir, 'httpd.conf')}`,
].join('\n');

/** `port host` for each Listen, the host `*` for every address, sorted. */
type Listening = string[];

const key = (port: string | number, host: string | undefined) => `${port} ${host ?? '*'}`;

function writeModule(files: Record<string, string>): void {
  rmSync(join(dir, 'conf.d'), { recursive: true, force: true });
  mkdirSync(join(dir, 'conf.d'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
}

function apacheListening(files: Record<string, string>, defines: readonly string[]): Listening | { refused: string } {
  writeModule(files);
  writeFileSync(oracle, `${preamble}\n`);
  const args = ['-f', oracle, ...defines.flatMap((name) => ['-D', name]), '-t', '-D', 'DUMP_CONFIG'];
  const run = spawnSync('/usr/sbin/apache2', args, { encoding: 'utf8' });
  if (run.status !== 0) return { refused: `${run.stdout}${run.stderr}`.trim() };
  return run.stdout
    .split('\n')
    .flatMap((line) => {
      const match = /^Listen (?:\[([^\]]+)\]:|([\d.]+):)?(\d+)(?: \S+)?$/.exec(line);
      return match ? [key(match[3]!, match[1] ?? match[2])] : [];
    })
    .sort();
}

function modelRows(files: Record<string, string>, defines: readonly string[]) {
  const start = `start_process 'httpd${defines.map((name) => ` -D ${name}`).join('')}' -privileged\n`;
  const rows = modelOf({ 'module_start_up.cm': start, ...files }).listeners.filter((row) => row.daemon === 'httpd');
  const keyOf = (row: (typeof rows)[number]) => key(row.port, /^on (\S+) only \(Listen\)/.exec(row.note ?? '')?.[1]);
  const of = (state: string) => [...new Set(rows.filter((row) => row.state === state).map(keyOf))].sort();
  return {
    live: of('live'),
    conditional: of('conditional'),
    undecided: rows.filter((row) => row.state === 'live').every((row) => row.undecided),
  };
}

function expectAgreement(files: Record<string, string>, defines: readonly string[]): boolean {
  const apache = apacheListening(files, defines);
  // Apache refuses some generated files (two Listen lines on one address and port): nothing to compare.
  if ('refused' in apache) return false;
  const model = modelRows(files, defines);
  const said = `${JSON.stringify(files)} -D ${defines.join(' -D ')}`;
  // No Listen at all: Apache does not start. The model has the Listen lines off, or with none, keeps the catalog's
  // ports, each saying it is undecided.
  if (apache.length === 0 && model.conditional.length === 0) {
    expect(model.undecided, `no Listen, yet live rows decided: ${said}`).toBe(true);
    return true;
  }
  expect(
    model.live.filter((row) => !apache.includes(row)),
    `live rows Apache does not listen on: ${said}`,
  ).toEqual([]);
  expect(
    apache.filter((row) => !model.live.includes(row) && !model.conditional.includes(row)),
    `Listen lines the model does not have: ${said}`,
  ).toEqual([]);
  return true;
}

const port = fc.constantFrom(80, 81, 443, 8080, 8443);
const host = fc.constantFrom('192.0.2.1', '198.51.100.7', '[2001:db8::1]');
const listen = fc
  .tuple(fc.constantFrom('Listen', 'listen', 'LISTEN'), fc.option(host, { nil: undefined }), port, fc.boolean())
  .map(([word, h, p, https]) => `${word} ${h === undefined ? '' : `${h}:`}${p}${https ? ' https' : ''}`);
const parameter = fc.constantFrom('SSL', 'STAGING');
const ifModule = fc.constantFrom('ssl_module', 'mod_ssl.c', 'info_module', '!ssl_module');
const loadSsl = `LoadModule ssl_module ${modules}/mod_ssl.so`;

/** A block of lines: Listen lines, possibly inside an <IfDefine> or <IfModule>, a Define, a LoadModule. */
const block: fc.Arbitrary<string> = fc.oneof(
  listen,
  fc.constant(loadSsl),
  parameter.map((name) => `Define ${name}`),
  fc
    .tuple(fc.boolean(), parameter, fc.array(listen, { minLength: 1, maxLength: 2 }))
    .map(([not, name, lines]) => `<IfDefine ${not ? '!' : ''}${name}>\n  ${lines.join('\n  ')}\n</IfDefine>`),
  fc
    .tuple(ifModule, fc.array(listen, { minLength: 1, maxLength: 2 }))
    .map(([name, lines]) => `<IfModule ${name}>\n  ${lines.join('\n  ')}\n</IfModule>`),
);

const includeLine = `Include ${join(dir, 'conf.d')}/httpd-*.conf`;

const module = fc
  .tuple(fc.array(block, { minLength: 1, maxLength: 6 }), fc.array(block, { maxLength: 3 }), fc.boolean())
  .map(([main, included, includes]) => ({
    'httpd.conf': `${[...main, ...(includes ? [includeLine] : [])].join('\n')}\n`,
    ...(includes && { 'conf.d/httpd-site.conf': `${included.join('\n')}\n` }),
  }));

const defines = fc.subarray(['SSL', 'STAGING']);

describe('httpd.conf read as apache2 -t -D DUMP_CONFIG reads it', () => {
  it('hand-written cases: <IfDefine> by -D and by Define, <IfModule> by LoadModule, an Include, addresses', () => {
    const cases: Array<[Record<string, string>, string[]]> = [
      [{ 'httpd.conf': 'Listen 8080\n<IfDefine SSL>\n  Listen 8443 https\n</IfDefine>\n' }, ['SSL']],
      [{ 'httpd.conf': 'Listen 8080\n<IfDefine !SSL>\n  Listen 81\n</IfDefine>\n' }, ['SSL']],
      [{ 'httpd.conf': 'Define SSL\n<IfDefine SSL>\n  Listen 8443\n</IfDefine>\nListen 80\n' }, []],
      [{ 'httpd.conf': `${loadSsl}\n<IfModule ssl_module>\n  Listen 443\n</IfModule>\nListen 80\n` }, []],
      [{ 'httpd.conf': `${includeLine}\nListen 80\n`, 'conf.d/httpd-site.conf': 'Listen 192.0.2.1:81\n' }, []],
      [{ 'httpd.conf': 'Listen [2001:db8::1]:8080\nListen 198.51.100.7:8080\n' }, []],
    ];
    for (const [files, given] of cases) expect(expectAgreement(files, given), JSON.stringify(files)).toBe(true);
  });

  it('generated configurations and start lines: every live row a Listen of Apache, every Listen a row', () => {
    let compared = 0;
    fc.assert(
      fc.property(module, defines, (files, given) => {
        if (expectAgreement(files, given)) compared++;
      }),
      { numRuns: 200 },
    );
    expect(compared).toBeGreaterThan(100);
  });
});
