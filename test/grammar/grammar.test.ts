import { describe, expect, it } from 'vitest';
import { fileKinds, languageOf } from '../../src/languages/registry.ts';
import { parseInetd } from '../../src/syntax/inetd.ts';
import { dumpInetd } from '../../src/syntax/inetd-dump.ts';
import { parseMacro } from '../../src/syntax/macro.ts';
import { relexed } from '../support/languages.ts';
import { misplacedPositions } from '../support/positions.ts';
import { allInetdSources, fixtureNames, readFixture, sourcesOfKind } from '../support/sources.ts';

describe.each(fileKinds.map((kind) => [kind] as const))('%s grammar', (kind) => {
  it.each(fixtureNames(kind))('golden: %s', async (name) => {
    const golden = `../fixtures/${kind}/golden/${name.replace(/\.[^.]*$/, '')}.tree`;
    await expect(languageOf(kind).dumpText(readFixture(name, kind).text)).toMatchFileSnapshot(golden);
  });

  it.each(sourcesOfKind(kind))(
    'lexes %s losslessly, and its nodes and errors lie inside the text, in order',
    (_name, source) => {
      expect(relexed(source.text, kind)).toBe(source.text);
      expect(misplacedPositions(kind, source.text)).toEqual([]);
    },
  );
});

describe.each(allInetdSources())('%s', (_name, source) => {
  it('keeps each field of an entry as the exact text at its range', () => {
    for (const node of parseInetd(source.text).children) {
      if (node.type !== 'entry') continue;
      for (const field of [
        node.service,
        node.socketType,
        node.protocol,
        node.wait,
        node.user,
        node.server,
        ...node.arguments,
      ]) {
        expect(source.text.slice(field.start, field.end)).toBe(field.value);
      }
    }
  });
});

describe.each(sourcesOfKind('macro'))('%s', (_name, source) => {
  it('keeps each word and element of a statement, commented out or not, as the exact text at its range', () => {
    for (const node of parseMacro(source.text).children) {
      if (node.type !== 'statement') continue;
      for (const word of node.words) {
        for (const part of [word, ...word.elements]) expect(source.text.slice(part.start, part.end)).toBe(part.text);
      }
    }
  });
});

describe('a file longer than one parse run', () => {
  it('gives the nodes and errors of its parts, at their places in the whole file', () => {
    const part = ['bogus.conf', 'disabled.conf', 'addresses.conf', 'crlf.conf']
      .map((name) => readFixture(name).text)
      .join('');
    const partLines = part.split(/\r\n|\r|\n/).length - 1;
    const copies = Math.ceil(300_000 / part.length);
    const shiftLines = (dump: string, by: number) =>
      dump.replace(/^(\d+):(\d+)-(\d+):/gm, (_m, a, b, c) => `${Number(a) + by}:${b}-${Number(c) + by}:`);
    const expected = Array.from({ length: copies }, (_, copy) =>
      shiftLines(dumpInetd(parseInetd(part)), copy * partLines),
    );
    const whole = parseInetd(part.repeat(copies));
    const split = (dump: string) => {
      const lines = dump.trimEnd().split('\n');
      return {
        nodes: lines.filter((line) => !/^\S+ error /.test(line)),
        errors: lines.filter((line) => /^\S+ error /.test(line)),
      };
    };
    const parts = expected.map(split);
    const got = split(dumpInetd(whole));
    expect(got.nodes).toEqual(parts.flatMap((p) => p.nodes));
    expect(got.errors).toEqual(parts.flatMap((p) => p.errors));
    expect(whole.children.length).toBe(copies * parseInetd(part).children.length);
    expect(whole.errors.every((e) => e.start === e.position.start.offset && e.end === e.position.end.offset)).toBe(
      true,
    );
    const text = part.repeat(copies);
    for (const node of whole.children) {
      if (node.type !== 'entry') continue;
      for (const field of [node.service, node.server, ...node.arguments])
        expect(text.slice(field.start, field.end)).toBe(field.value);
    }
  });
});
