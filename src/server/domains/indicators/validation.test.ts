import { describe, expect, it } from 'vitest';
import { checkRules, type Rule } from './validation.js';

const rules: Rule[] = [
  { code: 'R1', name: 'Hộ nghèo ≤ tổng số hộ', nameEn: 'Poor households ≤ households', severity: 'blocking', params: { kind: 'comparison', left: 'POOR_HH', op: '<=', right: 'TOTAL_HH' } },
  { code: 'R2', name: 'Tỷ lệ tiêm chủng', nameEn: 'Vaccination rate', severity: 'blocking', params: { kind: 'range', indicatorCode: 'VACC', min: 0, max: 100 } },
  { code: 'R3', name: 'Thu ngân sách biến động', nameEn: 'Budget revenue jump', severity: 'warning', params: { kind: 'jump', indicatorCode: 'REV', maxChangePct: 50 } },
];

describe('validation rules', () => {
  it('passes consistent values', () => {
    expect(checkRules(rules, { current: new Map([['POOR_HH', 10], ['TOTAL_HH', 100], ['VACC', 97], ['REV', 1100]]), previous: new Map([['REV', 1000]]) })).toEqual([]);
  });

  it('reports each failing rule with its severity and the indicators involved', () => {
    const results = checkRules(rules, { current: new Map([['POOR_HH', 120], ['TOTAL_HH', 100], ['VACC', 104], ['REV', 2100]]), previous: new Map([['REV', 1000]]) });
    expect(results.map((r) => [r.ruleCode, r.severity])).toEqual([['R1', 'blocking'], ['R2', 'blocking'], ['R3', 'warning']]);
    expect(results[0]!.indicatorCodes).toEqual(['POOR_HH', 'TOTAL_HH']);
    expect(results[2]!.messageVi).toContain('110');
  });

  it('does not judge a rule whose inputs are not reported yet', () => {
    expect(checkRules(rules, { current: new Map([['POOR_HH', 120]]), previous: new Map() })).toEqual([]);
  });
});
