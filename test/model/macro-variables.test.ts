import { describe, expect, it } from 'vitest';
import { startsOf, verdicts } from '../support/macro-flow.ts';

const m = (...lines: string[]) => `${lines.join('\n')}\n`;

describe('variables the macros assign, in conditions', () => {
  it('a counting loop: the start in it is live, and so is the start after it, with no condition on the counter', () => {
    const macro = {
      'module_start_up.cm': m(
        '&set count 1',
        '&label LOOP',
        "start_process 'osl_server.pm'",
        '&set count &count& + 1',
        '&if &count& <= &max_servs& &then &goto LOOP',
        "start_process 'sshd.pm'",
      ),
    };
    expect(verdicts(macro)).toEqual({ 'osl_server.pm': 'live', 'sshd.pm': 'live' });
  });

  it('a counting loop to a known bound goes round exactly: a test of the counter inside it is decided', () => {
    const macro = {
      'module_start_up.cm': m(
        '&set count 1',
        '&label LOOP',
        "&if &count& = 3 &then start_process 'third.pm'",
        "&if &count& = 5 &then start_process 'fifth.pm'",
        '&set count (calc &count& + 1)',
        '&if &count& <= 4 &then &goto LOOP',
        "&if &count& = 5 &then start_process 'after.pm'",
      ),
    };
    expect(verdicts(macro)).toEqual({ 'third.pm': 'live', 'fifth.pm': 'dead', 'after.pm': 'live' });
  });

  it('a &while over a variable its body changes: its body runs, what follows runs, neither on the counter', () => {
    const loop = (bound: string) => ({
      'module_start_up.cm': m(
        '&set n 0',
        `&while &n& < ${bound}`,
        '&do',
        "   start_process 'inside.pm'",
        '   &set n (calc &n& + 1)',
        '&end',
        "start_process 'after.pm'",
      ),
    });
    expect(verdicts(loop('3'))).toEqual({ 'inside.pm': 'live', 'after.pm': 'live' });
    // Against a bound the site sets, the counter takes more values than are followed: the test goes either way.
    expect(verdicts(loop('&limit&'))).toEqual({ 'inside.pm': 'live', 'after.pm': 'live' });
  });

  it('a test of a constant the macro set is decided by it', () => {
    const macro = {
      'module_start_up.cm': m(
        '&set_string mode full',
        '&set width (calc 2 * 3 + 1)',
        "&if &mode& = full &then start_process 'a.pm'",
        "&else start_process 'b.pm'",
        "&if &width& > 6 & &mode& ^= 'short' &then start_process 'c.pm'",
      ),
    };
    expect(verdicts(macro)).toEqual({ 'a.pm': 'live', 'b.pm': 'dead', 'c.pm': 'live' });
  });

  it('a value set in branches is decided by the branch condition that set it', () => {
    const macro = {
      'module_start_up.cm': m(
        '&if (exists -file x) &then &set_string p yes',
        '&else &set_string p no',
        "&if &p& = yes &then start_process 'yes.pm'",
        "&if &p& = maybe &then start_process 'maybe.pm'",
      ),
    };
    expect(verdicts(macro)).toEqual({ 'yes.pm': '(exists -file x)', 'maybe.pm': 'dead' });
  });

  it('a value that depends on the site stays open and names the variable', () => {
    const macro = {
      'module_start_up.cm': m(
        'display_line x',
        '&set s (command_status)',
        "&if &s& = 0 &then start_process 'ok.pm'",
        "&if &max_servs& > 2 &then start_process 'many.pm'",
      ),
    };
    expect(verdicts(macro)).toEqual({ 'ok.pm': '&s& = 0', 'many.pm': '&max_servs& > 2' });
  });

  it("a call keeps the caller's values: the macro it runs has variables of its own", () => {
    const macros = {
      'module_start_up.cm': m('&set_string x 1', 'sub', "&if &x& = 1 &then start_process 'kept.pm'"),
      'sub.cm': m('&set_string x 2', "&if &x& = 2 &then start_process 'own.pm'"),
    };
    expect(verdicts(macros)).toEqual({ 'own.pm': 'live', 'kept.pm': 'live' });
  });

  it('the variable a program path is built from still names the program', () => {
    const { starts } = startsOf({
      'module_start_up.cm': m(
        '&set_string prefix (master_disk)>opt>openssl>sbin',
        '&if (exists -file &prefix&>sshd.pm) &then start_process &prefix&>sshd.pm',
      ),
    });
    expect(starts.get('(master_disk)>opt>openssl>sbin>sshd.pm')).toMatchObject({
      state: 'conditional',
      condition: '(exists -file &prefix&>sshd.pm)',
    });
  });
});
