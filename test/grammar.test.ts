import { describe, expect, it } from 'vitest';
import { parseInetd } from '../src/syntax/inetd.ts';
import { allInetdSources, fixtureNames, readFixture } from './fixtures.ts';
import { relexed } from './relex.ts';
import { dumpTree } from './tree-dump.ts';

describe('inetd grammar goldens', () => {
  it.each(fixtureNames())('%s', async (name) => {
    const tree = parseInetd(readFixture(name).text);
    await expect(dumpTree(tree)).toMatchFileSnapshot(`fixtures/inetd/golden/${name.replace(/\.conf$/, '.tree')}`);
  });
});

describe.each(allInetdSources())('%s', (_name, source) => {
  it('lexes losslessly: tokens and trivia concatenate to the input', () => {
    expect(relexed(source.text)).toBe(source.text);
  });

  it('places every node inside the text, in order, with start before end', () => {
    const tree = parseInetd(source.text);
    let previous = 0;
    for (const node of tree.children) {
      expect(node.position.start.offset).toBeGreaterThanOrEqual(previous);
      expect(node.position.end.offset).toBeGreaterThanOrEqual(node.position.start.offset);
      expect(node.position.end.offset).toBeLessThanOrEqual(source.text.length);
      expect(source.text.slice(node.position.start.offset, node.position.end.offset).length).toBeGreaterThan(0);
      previous = node.position.end.offset;
    }
  });

  it('keeps each field of an entry as the exact text at its range', () => {
    for (const node of parseInetd(source.text).children) {
      if (node.type !== 'entry') continue;
      for (const field of [node.service, node.socketType, node.protocol, node.wait, node.user, node.server, ...node.arguments]) {
        expect(source.text.slice(field.start, field.end)).toBe(field.value);
      }
    }
  });
});
