import { describe, expect, it } from 'vitest';
import { parseMacro } from '../../src/syntax/macro.ts';
import { startsOf, verdicts } from '../support/macro-flow.ts';

const m = (...lines: string[]) => `${lines.join('\n')}\n`;

describe('control flow in one macro', () => {
  it('a conditional &return makes what follows conditional on its negation, decided by --products', () => {
    const macro = {
      'module_start_up.cm': m('&if ^ (software_purchased S270) &then &return', "start_process 'sshd.pm'"),
    };
    expect(verdicts(macro)).toEqual({ 'sshd.pm': '(software_purchased S270)' });
    expect(verdicts(macro, ['S270'])).toEqual({ 'sshd.pm': 'live' });
    expect(startsOf(macro, []).starts.get('sshd.pm')).toMatchObject({
      state: 'off',
      note: 'product S270 is not purchased',
    });
  });

  it('a conditional &goto forward skips what lies between on its path only', () => {
    const macro = {
      'module_start_up.cm': m(
        '&if (software_purchased S269) &then &goto skip',
        "start_process 'smbd.pm'",
        '&label skip',
        "start_process 'after.pm'",
      ),
    };
    expect(verdicts(macro)).toEqual({ 'smbd.pm': 'not (software_purchased S269)', 'after.pm': 'live' });
    expect(startsOf(macro, ['S269']).starts.get('smbd.pm')).toMatchObject({
      state: 'off',
      note: 'product S269 is purchased',
    });
  });

  it('an unconditional &return or &goto leaves dead code, up to a label a jump reaches', () => {
    const macro = {
      'module_start_up.cm': m(
        '&goto on',
        "start_process 'skipped.pm'",
        '&label on',
        "start_process 'on.pm'",
        '&return',
        "start_process 'never.pm'",
        '&label unused',
        "start_process 'still_never.pm'",
      ),
    };
    const { starts } = startsOf(macro);
    expect(starts.get('skipped.pm')).toMatchObject({ state: 'dead', note: 'after the &goto on line 1' });
    expect(starts.get('on.pm')!.state).toBe('live');
    expect(starts.get('never.pm')).toMatchObject({ state: 'dead', note: 'after the &return on line 5' });
    expect(starts.get('still_never.pm')).toMatchObject({ state: 'dead', note: 'after the &return on line 5' });
  });

  it('says when conditions contradict on every way to a start', () => {
    const macro = {
      'module_start_up.cm': m(
        '&if (exists -file x) &then &return',
        '&if (exists -file x) &then start_process contradiction.pm',
      ),
    };
    expect(startsOf(macro).starts.get('contradiction.pm')).toMatchObject({
      state: 'dead',
      note: 'after the &return on line 1',
    });
  });

  it('a backward &goto loops; with constant conditions, what follows runs only when the loop is left', () => {
    const macro = {
      'module_start_up.cm': m(
        '&label top',
        "start_process 'a.pm'",
        '&if (exists -file again) &then &goto top',
        "start_process 'b.pm'",
      ),
    };
    expect(verdicts(macro)).toEqual({ 'a.pm': 'live', 'b.pm': 'not (exists -file again)' });
    const forever = {
      'module_start_up.cm': m('&label top', "start_process 'a.pm'", '&goto top', "start_process 'b.pm'"),
    };
    expect(verdicts(forever)).toEqual({ 'a.pm': 'live', 'b.pm': 'dead' });
  });

  it('a loop ends in the analysis with tables of many words (five atoms and more: rows with the top bit of a word set)', () => {
    const tests = Array.from({ length: 6 }, (_, i) => `&if (exists -file f${i}) &then display_line ${i}`);
    const macro = {
      'module_start_up.cm': m(
        ...tests,
        '&while (exists -file lock)',
        '&do',
        '   &if (exists -file f5) &then &break',
        '&end',
        "start_process 'after.pm'",
      ),
    };
    expect(verdicts(macro)).toEqual({ 'after.pm': 'not (exists -file lock) or (exists -file f5)' });
  });

  it('&while runs its body while its condition holds; &break leaves, &continue goes round again', () => {
    const loop = {
      'module_start_up.cm': m(
        '&while (exists -file x)',
        '&do',
        "   start_process 'body.pm'",
        '&end',
        "start_process 'after.pm'",
      ),
    };
    expect(verdicts(loop)).toEqual({ 'body.pm': '(exists -file x)', 'after.pm': 'not (exists -file x)' });
    const broken = {
      'module_start_up.cm': m(
        '&while (exists -file x)',
        '&do',
        '   &if (exists -file y) &then &break',
        '   &if (exists -file z) &then &continue',
        "   start_process 'body.pm'",
        '&end',
        "start_process 'after.pm'",
      ),
    };
    expect(verdicts(broken)).toEqual({
      'body.pm': '(exists -file x) and not (exists -file y) and not (exists -file z)',
      'after.pm': 'not (exists -file x) or (exists -file y)',
    });
  });

  it('nests &if, &else and &do, and an &else &if chain', () => {
    const macro = {
      'module_start_up.cm': m(
        '&if (exists -file a)',
        '&then &do',
        "   &if (exists -file b) &then start_process 'ab.pm'",
        "   &else start_process 'a_not_b.pm'",
        '&end',
        '&else &if (exists -file c) &then &do',
        "   start_process 'c.pm'",
        '&end',
        "&else start_process 'neither.pm'",
        "start_process 'always.pm'",
      ),
    };
    expect(verdicts(macro)).toEqual({
      'ab.pm': '(exists -file a) and (exists -file b)',
      'a_not_b.pm': '(exists -file a) and not (exists -file b)',
      'c.pm': 'not (exists -file a) and (exists -file c)',
      'neither.pm': 'not (exists -file a) and not (exists -file c)',
      'always.pm': 'live',
    });
  });

  it('an &else belongs only to the &if whose then-part it follows', () => {
    expect(
      parseMacro(m('&if (a) &then display_line a', 'display_line between', '&else display_line b')).errors.map(
        (e) => e.message,
      ),
    ).toEqual(['Unexpected &else, expected it after an &if … &then']);
  });

  it('reports a &goto to a label the macro does not have, and ends the macro there', () => {
    const macro = { 'module_start_up.cm': m('&goto nowhere', "start_process 'a.pm'") };
    expect(parseMacro(macro['module_start_up.cm']).errors.map((e) => e.message)).toEqual([
      'Unexpected &goto nowhere, expected a &label nowhere in this macro',
    ]);
    expect(verdicts(macro)).toEqual({ 'a.pm': 'dead' });
  });

  it('a &goto to a label named by a variable may go to any label, and what it reaches is undecided', () => {
    const macro = {
      'module_start_up.cm': m(
        '&if (exists -file x) &then &goto &where&',
        "start_process 'a.pm'",
        '&return',
        '&label one',
        "start_process 'b.pm'",
      ),
    };
    const { starts } = startsOf(macro);
    expect(starts.get('a.pm')).toMatchObject({ state: 'conditional', condition: 'not (exists -file x)' });
    expect(starts.get('b.pm')).toMatchObject({
      state: 'conditional',
      note: 'undecided: the &goto on line 1 jumps to a label named by a variable',
    });
  });

  it('merges the ways to one start line into one start, its condition their disjunction', () => {
    const macro = {
      'module_start_up.cm': m(
        '&if (exists -file a) &then &goto start',
        '&if (exists -file b) &then &goto start',
        '&return',
        '&label start',
        "start_process 'x.pm'",
      ),
    };
    expect(verdicts(macro)).toEqual({ 'x.pm': '(exists -file a) or (exists -file b)' });
  });
});

describe('calls between macros', () => {
  it('a start in a called macro runs under the call’s condition and its own, with the call in its evidence', () => {
    const macros = {
      'module_start_up.cm': m('&if (exists -file a) &then !sub'),
      'sub.cm': m("&if (exists -file b) &then start_process 'x.pm'"),
    };
    expect(startsOf(macros).starts.get('x.pm')).toEqual({
      state: 'conditional',
      condition: '(exists -file a) and (exists -file b)',
      when: expect.anything(),
      evidence: ['module_start_up.cm:1', 'sub.cm:1'],
    });
  });

  it('a &return in a called macro returns to the caller, which goes on', () => {
    const macros = {
      'module_start_up.cm': m('sub', "start_process 'after.pm'"),
      'sub.cm': m('&if (exists -file a) &then &return', "start_process 'x.pm'", '&return', "start_process 'dead.pm'"),
    };
    expect(verdicts(macros)).toEqual({ 'x.pm': 'not (exists -file a)', 'dead.pm': 'dead', 'after.pm': 'live' });
  });

  it('a macro run from two places is one start line reached under either, evidence from both', () => {
    const macros = {
      'module_start_up.cm': m('&if (exists -file a) &then sub', '&if (exists -file b) &then sub'),
      'sub.cm': m("start_process 'x.pm'"),
    };
    expect(startsOf(macros).starts.get('x.pm')).toMatchObject({
      condition: '(exists -file a) or (exists -file b)',
      evidence: ['module_start_up.cm:1', 'sub.cm:1', 'module_start_up.cm:2'],
    });
  });

  it('a macro that runs itself: under constant conditions, whenever the call runs it never comes back', () => {
    const macros = {
      'module_start_up.cm': m(
        "start_process 'a.pm'",
        '&if (exists -file again) &then module_start_up',
        "start_process 'b.pm'",
      ),
    };
    expect(verdicts(macros)).toEqual({ 'a.pm': 'live', 'b.pm': 'not (exists -file again)' });
  });

  it('macros that run each other reach a fixed point', () => {
    const macros = {
      'module_start_up.cm': m('ping'),
      'ping.cm': m("start_process 'ping.pm'", '&if (exists -file more) &then pong'),
      'pong.cm': m("start_process 'pong.pm'", '&if (exists -file more) &then ping', "start_process 'pong_after.pm'"),
    };
    expect(verdicts(macros)).toEqual({ 'ping.pm': 'live', 'pong.pm': '(exists -file more)', 'pong_after.pm': 'dead' });
  });

  it('a start line in a comment, or in a macro whose call is in a comment, is off; a commented call of the macro itself adds nothing', () => {
    const macros = {
      'module_start_up.cm': m('& !sub', "& start_process 'commented.pm'", '& !module_start_up'),
      'sub.cm': m("start_process 'x.pm'"),
    };
    expect(verdicts(macros)).toEqual({ 'off x.pm': 'off', 'off commented.pm': 'off' });
  });
});

describe('many conditions', () => {
  it('a start guarded by one product is decided by it, however many other conditions the macro tests', () => {
    const tests = Array.from({ length: 200 }, (_, i) => `&if (exists -file f${i}) &then display_line ${i}`);
    const macro = {
      'module_start_up.cm': m(
        ...tests,
        "&if (software_purchased S270) &then start_process 'sshd.pm'",
        ...tests,
        "&if (software_purchased S269) &then start_process 'smbd.pm'",
        "&if (exists -file f7) & (exists -file f150) &then start_process 'both.pm'",
      ),
    };
    expect(verdicts(macro, ['S270'])).toEqual({
      'sshd.pm': 'live',
      'smbd.pm': 'off',
      'both.pm': '(exists -file f7) and (exists -file f150)',
    });
    expect(verdicts(macro, ['S269'])).toMatchObject({ 'sshd.pm': 'off', 'smbd.pm': 'live' });
    const { facts } = startsOf(macro);
    expect(facts.unresolved).toEqual([]);
  });

  it('a bound is reported on the start whose own guard passes it, and on no other', () => {
    // p toggles under each of 15 conditions: "p = 1" is their parity, which takes 2^14 product terms to write.
    const toggles = Array.from({ length: 15 }, (_, i) => `&if (exists -file f${i}) &then &set p (calc 1 - &p&)`);
    const macro = {
      'module_start_up.cm': m(
        '&set p 0',
        ...toggles,
        "&if &p& = 1 &then start_process 'odd.pm'",
        "&if (software_purchased S270) &then start_process 'sshd.pm'",
      ),
    };
    const { starts } = startsOf(macro);
    expect(starts.get('odd.pm')).toMatchObject({
      state: 'conditional',
      note: 'undecided: the conditions on the way to it need more than 256 product terms to be written out',
    });
    expect(starts.get('sshd.pm')).toMatchObject({ state: 'conditional', condition: '(software_purchased S270)' });
  });
});
