// Validation rules on a report's values: ranges, comparisons between indicators (expressions), jumps
// against the previous period, and a unit's value against the sum of its children's ("sum of districts =
// province"). Each rule is blocking (no submit) or a warning.
import type { ValidationResult } from '../../../shared/contracts/indicators.js';
import { evaluateFormula, parseFormula } from './formulas.js';

export type RuleParams =
  | { kind: 'range'; indicatorCode: string; min?: number; max?: number }
  | { kind: 'comparison'; left: string; op: '<=' | '<' | '>=' | '>' | '=='; right: string }
  | { kind: 'jump'; indicatorCode: string; maxChangePct: number }
  | { kind: 'children_sum'; indicatorCode: string; tolerancePct: number };

export interface Rule { code: string; name: string; nameEn: string; severity: 'blocking' | 'warning'; params: RuleParams }

/**
 * Totals by indicator code for the period being checked and the one before it; and the sum of the values
 * the units directly below reported for the same period (with how many of them did).
 */
export interface RuleInputs { current: Map<string, number>; previous: Map<string, number>; children?: Map<string, { sum: number; reported: number }> }

const fmt = (n: number) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(n);

function compare(l: number, op: RuleParams & { kind: 'comparison' } extends { op: infer O } ? O : never, r: number): boolean {
  const eps = 1e-9 * Math.max(1, Math.abs(l), Math.abs(r));
  switch (op) {
    case '<=': return l <= r + eps;
    case '<': return l < r;
    case '>=': return l >= r - eps;
    case '>': return l > r;
    case '==': return Math.abs(l - r) <= eps;
  }
}

/** The rules that fail; a rule whose inputs are missing is not evaluated (completeness is tracked elsewhere). */
export function checkRules(rules: Rule[], inputs: RuleInputs): ValidationResult[] {
  const out: ValidationResult[] = [];
  for (const rule of rules) {
    const p = rule.params;
    const fail = (message: string, messageVi: string, codes: string[]) =>
      out.push({ ruleCode: rule.code, severity: rule.severity, message: `${rule.nameEn}: ${message}`, messageVi: `${rule.name}: ${messageVi}`, indicatorCodes: codes });
    switch (p.kind) {
      case 'range': {
        const v = inputs.current.get(p.indicatorCode);
        if (v === undefined) break;
        if (p.min !== undefined && v < p.min) fail(`${fmt(v)} is below ${fmt(p.min)}`, `${fmt(v)} nhỏ hơn ${fmt(p.min)}`, [p.indicatorCode]);
        if (p.max !== undefined && v > p.max) fail(`${fmt(v)} is above ${fmt(p.max)}`, `${fmt(v)} lớn hơn ${fmt(p.max)}`, [p.indicatorCode]);
        break;
      }
      case 'comparison': {
        const left = parseFormula(p.left);
        const right = parseFormula(p.right);
        const lookup = (code: string, shift: string) => (shift === 'prev' ? inputs.previous.get(code) : shift === 'current' ? inputs.current.get(code) : undefined) ?? null;
        const l = evaluateFormula(left, lookup);
        const r = evaluateFormula(right, lookup);
        if (l === null || r === null) break;
        if (!compare(l, p.op, r)) {
          const codes = [...new Set([...left.references, ...right.references].map((x) => x.code))];
          fail(`${p.left} (${fmt(l)}) ${p.op} ${p.right} (${fmt(r)}) does not hold`, `không thỏa ${p.left} (${fmt(l)}) ${p.op} ${p.right} (${fmt(r)})`, codes);
        }
        break;
      }
      case 'jump': {
        const v = inputs.current.get(p.indicatorCode);
        const before = inputs.previous.get(p.indicatorCode);
        if (v === undefined || before === undefined || before === 0) break;
        const change = ((v - before) / Math.abs(before)) * 100;
        if (Math.abs(change) > p.maxChangePct) {
          fail(`changed ${fmt(change)}% since the previous period (limit ±${fmt(p.maxChangePct)}%)`, `thay đổi ${fmt(change)}% so với kỳ trước (giới hạn ±${fmt(p.maxChangePct)}%)`, [p.indicatorCode]);
        }
        break;
      }
      case 'children_sum': {
        const v = inputs.current.get(p.indicatorCode);
        const below = inputs.children?.get(p.indicatorCode);
        if (v === undefined || !below || below.reported === 0) break;
        const allowed = (Math.abs(v) * p.tolerancePct) / 100;
        if (Math.abs(v - below.sum) > allowed + 1e-9 * Math.max(1, Math.abs(v))) {
          fail(`${fmt(v)} differs from the sum of the ${below.reported} units below (${fmt(below.sum)})`,
            `${fmt(v)} khác tổng của ${below.reported} đơn vị cấp dưới (${fmt(below.sum)})`, [p.indicatorCode]);
        }
        break;
      }
    }
  }
  return out;
}

/** Refuses rule definitions that could never run: unknown kinds, bad expressions. */
export function parseRuleParams(kind: string, params: Record<string, unknown>): RuleParams {
  if (kind === 'range' && typeof params.indicatorCode === 'string') return { kind, indicatorCode: params.indicatorCode, ...(typeof params.min === 'number' ? { min: params.min } : {}), ...(typeof params.max === 'number' ? { max: params.max } : {}) };
  if (kind === 'jump' && typeof params.indicatorCode === 'string' && typeof params.maxChangePct === 'number') return { kind, indicatorCode: params.indicatorCode, maxChangePct: params.maxChangePct };
  if (kind === 'children_sum' && typeof params.indicatorCode === 'string') {
    const tolerancePct = params.tolerancePct === undefined ? 0 : params.tolerancePct;
    if (typeof tolerancePct !== 'number' || tolerancePct < 0 || tolerancePct > 100) throw new Error('tolerancePct must be a number from 0 to 100');
    return { kind, indicatorCode: params.indicatorCode, tolerancePct };
  }
  if (kind === 'comparison' && typeof params.left === 'string' && typeof params.right === 'string' && ['<=', '<', '>=', '>', '=='].includes(String(params.op))) {
    parseFormula(params.left); parseFormula(params.right);
    return { kind, left: params.left, op: params.op as '<=', right: params.right };
  }
  throw new Error(`invalid ${kind} rule parameters`);
}
