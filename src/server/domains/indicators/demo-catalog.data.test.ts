import { describe, it, expect } from 'vitest';
import {
  DEMO_CATALOG_NOTE,
  demoDimensions,
  demoForms,
  demoIndicators,
  demoTargets,
  demoValidationRules,
  type DemoIndicator,
} from './demo-catalog.data.js';
import { parseFormula, findCycle } from './formulas.js';
import { demoAgencies } from '../units/demo-province.data.js';

const byCode = new Map<string, DemoIndicator>(demoIndicators.map((i) => [i.code, i]));
const refsOf = (text: string): string[] => parseFormula(text).references.map((r) => r.code);
const isDerived = (i: DemoIndicator): boolean => i.formula !== undefined;

describe('demo indicator catalog', () => {
  it('has a bilingual note saying the numbers are synthetic', () => {
    expect(DEMO_CATALOG_NOTE).toMatch(/giả lập/);
    expect(DEMO_CATALOG_NOTE).toMatch(/synthetic/);
  });

  it('has about sixty indicators with unique UPPER_SNAKE codes', () => {
    expect(demoIndicators.length).toBeGreaterThanOrEqual(55);
    expect(demoIndicators.length).toBeLessThanOrEqual(75);
    expect(byCode.size).toBe(demoIndicators.length);
    for (const i of demoIndicators) expect(i.code).toMatch(/^[A-Z][A-Z0-9_]*$/);
  });

  it('has unique codes for dimensions, their options, forms, rules and (indicator, year) targets', () => {
    const unique = (xs: string[]): void => expect(new Set(xs).size).toBe(xs.length);
    unique(demoDimensions.map((d) => d.code));
    for (const d of demoDimensions) unique(d.options.map((o) => o.code));
    unique(demoForms.map((f) => f.code));
    unique(demoValidationRules.map((r) => r.code));
    unique(demoTargets.map((t) => `${t.indicatorCode}/${t.year}`));
    for (const f of demoForms) unique(f.sections.flatMap((s) => s.rows.map((r) => r.rowCode)));
  });

  it('has names in both languages and sane numeric settings', () => {
    for (const i of demoIndicators) {
      expect(i.name.length, i.code).toBeGreaterThan(0);
      expect(i.nameEn.length, i.code).toBeGreaterThan(0);
      expect(i.measureUnit.length, i.code).toBeGreaterThan(0);
      expect(Number.isInteger(i.decimals) && i.decimals >= 0 && i.decimals <= 4, i.code).toBe(true);
      if (i.minValue !== undefined && i.maxValue !== undefined) expect(i.minValue, i.code).toBeLessThan(i.maxValue);
      if (i.valueType === 'integer') expect(i.decimals, i.code).toBe(0);
    }
  });

  it('gives percent indicators the range 0–100 and the unit %', () => {
    const percents = demoIndicators.filter((i) => i.valueType === 'percent');
    expect(percents.length).toBeGreaterThan(5);
    for (const i of percents) {
      expect([i.code, i.minValue, i.maxValue]).toEqual([i.code, 0, 100]);
      expect(i.measureUnit, i.code).toBe('%');
    }
  });

  it('has formulas that parse, reference existing indicators and contain no cycle', () => {
    const derived = demoIndicators.filter(isDerived);
    expect(derived.length).toBeGreaterThanOrEqual(8);
    const graph = new Map<string, string[]>();
    for (const i of derived) {
      const refs = refsOf(i.formula!);
      expect(refs.length, i.code).toBeGreaterThan(0);
      for (const code of refs) expect(byCode.has(code), `${i.code} → ${code}`).toBe(true);
      expect(refs, i.code).not.toContain(i.code);
      graph.set(i.code, refs);
    }
    expect(findCycle(graph)).toBeNull();
    // both period shifts are exercised
    const shifts = new Set(derived.flatMap((i) => parseFormula(i.formula!).references.map((r) => r.shift)));
    expect(shifts).toEqual(new Set(['current', 'prev', 'lastYear']));
  });

  it('does not sum or average derived indicators (they are recomputed)', () => {
    for (const i of demoIndicators.filter(isDerived)) {
      expect(i.unitAggregation, i.code).toBe('none');
      expect(i.timeAggregation, i.code).toBe('none');
    }
  });

  it('computes district-level derived indicators only from district-level inputs', () => {
    for (const i of demoIndicators.filter((x) => isDerived(x) && x.demo.reportedAt === 'district')) {
      for (const code of refsOf(i.formula!)) expect(byCode.get(code)!.demo.reportedAt, `${i.code} → ${code}`).toBe('district');
    }
  });

  it('references only existing dimensions', () => {
    const dims = new Set(demoDimensions.map((d) => d.code));
    expect([...dims].sort()).toEqual(['AGE_GROUP', 'AREA', 'SEX']);
    for (const i of demoIndicators) for (const d of i.dimensionCodes ?? []) expect(dims.has(d), `${i.code}: ${d}`).toBe(true);
  });

  it('uses only owner agencies that exist in the demo province', () => {
    const agencies = new Set(demoAgencies.map((a) => a.code));
    for (const i of demoIndicators) {
      if (i.ownerAgencyCode !== undefined) expect(agencies.has(i.ownerAgencyCode), `${i.code}: ${i.ownerAgencyCode}`).toBe(true);
    }
  });

  it('has plausible synthetic-data hints', () => {
    for (const i of demoIndicators) {
      expect(Number.isFinite(i.demo.base), i.code).toBe(true);
      expect(i.demo.noise, i.code).toBeGreaterThanOrEqual(0);
      expect(i.demo.noise, i.code).toBeLessThanOrEqual(1);
      expect(Math.abs(i.demo.growthPerYear), i.code).toBeLessThan(0.5);
      if (i.minValue !== undefined) expect(i.demo.base, i.code).toBeGreaterThanOrEqual(i.minValue);
      if (i.maxValue !== undefined) expect(i.demo.base, i.code).toBeLessThanOrEqual(i.maxValue);
      if (i.demo.seasonality) {
        expect(i.demo.seasonality.length, i.code).toBe(12);
        const mean = i.demo.seasonality.reduce((a, b) => a + b, 0) / 12;
        expect(Math.abs(mean - 1), i.code).toBeLessThan(0.02);
        for (const m of i.demo.seasonality) expect(m, i.code).toBeGreaterThan(0);
      }
    }
  });

  it('has 6–8 forms whose rows are reported, non-derived indicators of the same reporting level', () => {
    expect(demoForms.length).toBeGreaterThanOrEqual(6);
    expect(demoForms.length).toBeLessThanOrEqual(8);
    for (const f of demoForms) {
      expect([1, 15], f.code).toContain(f.cutoffDay);
      expect(f.deadlineDays, f.code).toBeGreaterThan(0);
      const rows = f.sections.flatMap((s) => s.rows);
      expect(rows.length, f.code).toBeGreaterThan(0);
      for (const r of rows) {
        const i = byCode.get(r.indicatorCode);
        expect(i, `${f.code}/${r.rowCode}: ${r.indicatorCode}`).toBeDefined();
        expect(isDerived(i!), `${f.code}: ${i!.code} is derived`).toBe(false);
        expect(i!.demo.reportedAt, `${f.code}: ${i!.code}`).toBe(f.reportedBy);
      }
      expect(new Set(rows.map((r) => r.indicatorCode)).size, f.code).toBe(rows.length);
    }
    expect(new Set(demoForms.map((f) => f.reportedBy))).toEqual(new Set(['province', 'district']));
  });

  it('assigns a form to agencies of the very units that report it', () => {
    const assigned = demoForms.filter((f) => f.reportingAgencies);
    expect(assigned.length).toBeGreaterThan(0);
    for (const f of assigned) {
      for (const [unitCode, agencyCode] of Object.entries(f.reportingAgencies!)) {
        expect(demoAgencies.find((a) => a.code === agencyCode)?.unitCode, `${f.code}: ${agencyCode}`).toBe(unitCode);
      }
    }
  });

  it('collects every reported (non-derived) indicator in some form, and seasonality only on monthly ones', () => {
    const periodOf = new Map<string, string>();
    for (const f of demoForms) for (const s of f.sections) for (const r of s.rows) periodOf.set(r.indicatorCode, f.periodType);
    for (const i of demoIndicators.filter((x) => !isDerived(x))) {
      expect(periodOf.has(i.code), `${i.code} is in no form`).toBe(true);
      if (i.demo.seasonality) expect(periodOf.get(i.code), i.code).toBe('monthly');
    }
  });

  it('has 8–12 validation rules that reference existing indicators', () => {
    expect(demoValidationRules.length).toBeGreaterThanOrEqual(8);
    expect(demoValidationRules.length).toBeLessThanOrEqual(12);
    expect(new Set(demoValidationRules.map((r) => r.kind))).toEqual(new Set(['range', 'comparison', 'jump']));
    for (const r of demoValidationRules) {
      const p = r.params;
      if (r.kind === 'comparison') {
        expect(['<=', '<', '>=', '>', '=='], r.code).toContain(p.op);
        for (const side of [p.left, p.right]) {
          expect(typeof side, r.code).toBe('string');
          for (const code of refsOf(side as string)) expect(byCode.has(code), `${r.code}: ${code}`).toBe(true);
        }
      } else {
        expect(byCode.has(p.indicatorCode as string), `${r.code}: ${String(p.indicatorCode)}`).toBe(true);
        if (r.kind === 'jump') expect(p.maxChangePct as number, r.code).toBeGreaterThan(0);
        if (r.kind === 'range') expect(p.min !== undefined || p.max !== undefined, r.code).toBe(true);
      }
    }
  });

  it('has 2022–2026 targets for about twenty existing indicators, within their ranges', () => {
    const targeted = new Set(demoTargets.map((t) => t.indicatorCode));
    expect(targeted.size).toBeGreaterThanOrEqual(18);
    for (const code of targeted) {
      expect(byCode.has(code), code).toBe(true);
      expect(demoTargets.filter((t) => t.indicatorCode === code).map((t) => t.year).sort(), code).toEqual([2022, 2023, 2024, 2025, 2026]);
    }
    for (const t of demoTargets) {
      const i = byCode.get(t.indicatorCode)!;
      if (i.minValue !== undefined) expect(t.annual, t.indicatorCode).toBeGreaterThanOrEqual(i.minValue);
      if (i.maxValue !== undefined) expect(t.annual, t.indicatorCode).toBeLessThanOrEqual(i.maxValue);
    }
  });

  it('cites only the legal documents it is sure of', () => {
    const allowed = new Set(['Thông tư 37/2018/TT-BKHĐT', 'Nghị định 09/2019/NĐ-CP', 'Nghị định 07/2021/NĐ-CP']);
    for (const i of demoIndicators) if (i.legalBasis !== undefined) expect(allowed.has(i.legalBasis), `${i.code}: ${i.legalBasis}`).toBe(true);
  });
});
