import { describe, expect, it } from 'vitest';
import { evaluateFormula, findCycle, FormulaError, parseFormula } from './formulas.js';

const values: Record<string, number> = { POOR_HH: 1200, TOTAL_HH: 48000, GRDP: 110, ZERO: 0 };
const lookup = (code: string, shift: string) => (shift === 'lastYear' ? ({ GRDP: 100 } as Record<string, number>)[code] ?? null : values[code] ?? null);

describe('formulas of derived indicators', () => {
  it('computes a rate and a growth against the same period last year', () => {
    expect(evaluateFormula(parseFormula('POOR_HH / TOTAL_HH * 100'), lookup)).toBe(2.5);
    expect(evaluateFormula(parseFormula('round((GRDP / lastYear(GRDP) - 1) * 100, 1)'), lookup)).toBe(10);
  });

  it('lists the indicators a formula uses with their period shift', () => {
    expect(parseFormula('A + prev(B) - lastYear(C)').references).toEqual([
      { code: 'A', shift: 'current' }, { code: 'B', shift: 'prev' }, { code: 'C', shift: 'lastYear' },
    ]);
  });

  it('gives no value for a missing input or a division by zero', () => {
    expect(evaluateFormula(parseFormula('POOR_HH / ZERO'), lookup)).toBeNull();
    expect(evaluateFormula(parseFormula('MISSING + 1'), lookup)).toBeNull();
  });

  it.each([
    ['constructor.constructor("return process")()', /not allowed|Unknown function/],
    ['"text"', /Only numbers/],
    ['A == B', /Operator == is not allowed/],
    ['process.exit(1)', /not allowed|Unknown function/],
    ['A +', /Syntax error/],
    ['A; B', /single expression/],
    ['prev(A + B)', /one indicator code/],
  ])('refuses %s without evaluating anything', (text, message) => {
    expect(() => parseFormula(text)).toThrow(FormulaError);
    expect(() => parseFormula(text)).toThrow(message);
  });

  it('finds a dependency cycle and names it', () => {
    expect(findCycle(new Map([['A', ['B']], ['B', ['C']], ['C', ['A']]]))).toEqual(['A', 'B', 'C', 'A']);
    expect(findCycle(new Map([['RATE', ['POOR_HH', 'TOTAL_HH']], ['POOR_HH', []]]))).toBeNull();
  });
});
