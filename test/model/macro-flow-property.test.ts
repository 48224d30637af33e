import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { macroLines, modelAgreesWithInterpreter } from '../support/macro-flow-differential.ts';
import { verdicts } from '../support/macro-flow.ts';

describe('the macro model against an interpreter that runs every assignment', () => {
  it('agrees on every start line of random macros (fixed seed)', () => {
    fc.assert(modelAgreesWithInterpreter, { seed: 1313, numRuns: 200 });
  });

  it('would catch a model that ignored a conditional &return', () => {
    // The property's own check, on the case the issue reports: the interpreter finds the start conditional.
    const lines = macroLines([{ if: { not: { atom: 0 } }, then: [{ return: true }] }, { start: 0 }]);
    expect(lines).toEqual(['&if ^ ((software_purchased S1))', '&then', '&return', "start_process 'd0.pm'"]);
    expect(verdicts({ 'module_start_up.cm': `${lines.join('\n')}\n` })).toEqual({ 'd0.pm': '(software_purchased S1)' });
  });
});
