import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeText, html, withoutOptionalEndTags } from '../../src/report/html/markup.ts';
import { runCli } from '../support/cli.ts';
import { samplesDir } from '../support/sources.ts';
import { writeSystem } from '../support/system.ts';
import { temporaryDirectory } from '../support/temporary.ts';

describe('the html template', () => {
  it('escapes what it interpolates, and shows invisible characters as escapes', () => {
    const name = `<script>"a" & 'b'</script>\u202e`;
    expect(html`<td title="${name}">${name}</td>`.text).toBe(
      '<td title="&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;\\u202e">' +
        '&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;\\u202e</td>',
    );
    expect(escapeText('a\u001b[2Jb')).toBe('a\\x1b[2Jb');
  });

  it('joins arrays and leaves out false, undefined and null, but keeps 0', () => {
    expect(
      html`<ul>
        ${['a', html`<b>${'<'}</b>`, false, undefined, null, 0]}
      </ul>`.text,
    ).toBe('<ul>a<b>&lt;</b>0</ul>');
  });
});

describe('the end tags a page leaves out', () => {
  it('are those of list items, terms, descriptions, rows, cells and options; the others stay, and so does text', () => {
    const page = html`<ul>
        <li>a</li>
        <li>${'</li>'}</li>
      </ul>
      <dl>
        <dt>t</dt>
        <dd>d</dd>
      </dl>
      <table>
        <tbody>
          <tr>
            <th>h</th>
            <td>c</td>
          </tr>
        </tbody>
      </table>
      <select>
        <option>o</option>
      </select>
      <p>p</p>`;
    expect(withoutOptionalEndTags(page).text).toBe(
      '<ul><li>a<li>&lt;/li&gt;</ul><dl><dt>t<dd>d</dl><table><tbody><tr><th>h<td>c</tbody></table>' +
        '<select><option>o</select><p>p</p>',
    );
  });
});

describe('vos-audit report', () => {
  const directory = temporaryDirectory();

  it('writes one page whose Content-Security-Policy allows its own style and script, by hash, and nothing else', async () => {
    const file = join(directory, 'osl.html');
    const result = await runCli(['report', '-o', file, join(samplesDir, 'firewall-osl-system')], directory);
    expect(result).toMatchObject({ status: 0, stdout: '', stderr: '' });
    const page = readFileSync(file, 'utf8');
    const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    const style = /<style>([\s\S]*?)<\/style>/.exec(page)![1]!;
    const script = /<script>([\s\S]*?)<\/script>/.exec(page)![1]!;
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"\s*\/?>/
      .exec(page)![1]!
      .replace(/&#39;/g, "'");
    expect(policy).toBe(
      `default-src 'none'; style-src ${hash(style)}; script-src ${hash(script)}; base-uri 'none'; form-action 'none'`,
    );
    expect(page.match(/<script/g)).toHaveLength(1);
    expect(page).not.toMatch(/\b(?:src|href|action)="(?!#)/);
  });

  it('prints the page with -o -', async () => {
    const result = await runCli(['report', '-o', '-', join(samplesDir, 'hardened')], directory);
    expect(result.status).toBe(0);
    expect(result.stdout.startsWith('<!DOCTYPE html>')).toBe(true);
  });

  it.each([
    [['report', join(samplesDir, 'hardened')], /required option '-o, --output <file>' not specified/],
    [['report', '-o', 'x.html', 'no-such-module'], /no-such-module/],
    [['report', '-o', join('a-file', 'x.html'), join(samplesDir, 'hardened')], /a-file/],
    [['report', '-o', 'x.html', '--scan', 'missing.xml', join(samplesDir, 'hardened')], /missing\.xml/],
  ])('%j exits 2 with one line on stderr', async (args, message) => {
    writeFileSync(join(directory, 'a-file'), '');
    const result = await runCli(args, directory);
    expect(result.status).toBe(2);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
  });
});

describe('the report of a system of many modules', () => {
  it('grows with the modules, not with their pairs: twice the modules of one system, at most 2.1 × the page and its system section', async () => {
    const directory = temporaryDirectory();
    const sizes = async (count: number) => {
      writeSystem(join(directory, `system-${count}`), count, 1);
      const file = join(directory, `system-${count}.html`);
      const result = await runCli(['report', '-o', file, `system-${count}`], directory);
      expect(result.status).toBe(0);
      const page = readFileSync(file, 'utf8');
      return {
        page: page.length,
        bytes: Buffer.byteLength(page),
        system: /<section id="system"[\s\S]*?<\/section>/.exec(page)![0].length,
      };
    };
    const [small, large] = [await sizes(40), await sizes(80)];
    expect(small.bytes).toBeLessThan(1e6);
    expect(large.page / small.page).toBeLessThan(2.1);
    expect(large.system / small.system).toBeLessThan(2.1);
  }, 120_000);
});
