import { describe, it, expect } from 'vitest';
import {
  DEMO_PROVINCE_NOTE,
  demoAgencies,
  demoSuccessions,
  demoUnits,
  provinceOutlines,
  type DemoUnit,
} from './demo-province.data.js';

const byCode = new Map(demoUnits.map((u) => [u.code, u]));

/** Unit is valid on `date` (validFrom inclusive, validTo exclusive). */
const validOn = (u: DemoUnit, date: string): boolean =>
  u.validFrom <= date && (u.validTo === null || date < u.validTo);

/** Walks up parentCode to see whether the unit lies in former Bình Phước (code 70). */
const isFormerBinhPhuoc = (u: DemoUnit): boolean => {
  if (u.code === '70') return true;
  if (u.code.startsWith('DN-new-')) return true; // 2025 units on former Bình Phước territory
  const parent = u.parentCode === null ? undefined : byCode.get(u.parentCode);
  return parent !== undefined && isFormerBinhPhuoc(parent);
};

const pointInRing = ([x, y]: [number, number], ring: [number, number][]): boolean => {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
};

describe('demo province data', () => {
  it('has a bilingual note', () => {
    expect(DEMO_PROVINCE_NOTE).toMatch(/giả lập/);
    expect(DEMO_PROVINCE_NOTE).toMatch(/synthetic/);
  });

  it('has unique unit codes and existing parents', () => {
    expect(byCode.size).toBe(demoUnits.length);
    for (const u of demoUnits) {
      if (u.parentCode !== null) expect(byCode.has(u.parentCode), `${u.code} parent ${u.parentCode}`).toBe(true);
    }
  });

  it('keeps ISO dates ordered and children within their parents’ validity', () => {
    const iso = /^\d{4}-\d{2}-\d{2}$/;
    for (const u of demoUnits) {
      expect(u.validFrom).toMatch(iso);
      if (u.validTo !== null) {
        expect(u.validTo).toMatch(iso);
        expect(u.validFrom < u.validTo, u.code).toBe(true);
      }
      if (u.parentCode === null) continue;
      const p = byCode.get(u.parentCode)!;
      expect(u.validFrom >= p.validFrom, `${u.code} starts before ${p.code}`).toBe(true);
      if (p.validTo !== null) {
        expect(u.validTo !== null && u.validTo <= p.validTo, `${u.code} outlives ${p.code}`).toBe(true);
      }
    }
  });

  it('gives every ended unit successors valid on its end date', () => {
    for (const u of demoUnits.filter((x) => x.validTo !== null)) {
      const out = demoSuccessions.filter((s) => s.fromCode === u.code && s.validOn === u.validTo);
      expect(out.length, `${u.code} has no successor`).toBeGreaterThan(0);
    }
  });

  it('has consistent successions', () => {
    const sums = new Map<string, number>();
    for (const s of demoSuccessions) {
      const from = byCode.get(s.fromCode);
      const to = byCode.get(s.toCode);
      expect(from, s.fromCode).toBeDefined();
      expect(to, s.toCode).toBeDefined();
      expect(from!.validTo).toBe(s.validOn);
      expect(validOn(to!, s.validOn), `${s.toCode} not valid on ${s.validOn}`).toBe(true);
      expect(s.share).toBeGreaterThan(0);
      expect(s.share).toBeLessThanOrEqual(1);
      const key = `${s.fromCode}@${s.validOn}`;
      sums.set(key, (sums.get(key) ?? 0) + s.share);
    }
    for (const [key, sum] of sums) expect(Math.abs(sum - 1), key).toBeLessThan(1e-9);
  });

  it('models Bình Phước with 11 district-level units and 111 communes before 2025', () => {
    const day = '2025-06-30';
    const districts = demoUnits.filter((u) => u.parentCode === '70' && validOn(u, day));
    expect(districts).toHaveLength(11);
    const districtCodes = new Set(districts.map((d) => d.code));
    const communes = demoUnits.filter((u) => u.parentCode !== null && districtCodes.has(u.parentCode) && validOn(u, day));
    expect(communes).toHaveLength(111);
    for (const d of districts) {
      expect(communes.filter((c) => c.parentCode === d.code).length, d.code).toBeGreaterThanOrEqual(4);
    }
    const after = demoUnits.filter((u) => u.parentCode === '75' && validOn(u, '2025-07-01'));
    expect(after.length).toBeGreaterThanOrEqual(40);
    expect(byCode.get('70')!.validTo).toBe('2025-07-01');
    expect(byCode.get('75')!.validFrom).toBe('2025-07-01');
  });

  it('references existing units from agencies', () => {
    const codes = new Set(demoAgencies.map((a) => a.code));
    expect(codes.size).toBe(demoAgencies.length);
    for (const a of demoAgencies) {
      const unit = byCode.get(a.unitCode);
      expect(unit, `${a.code} → ${a.unitCode}`).toBeDefined();
      expect(a.nameEn.length).toBeGreaterThan(0);
      expect(a.validFrom >= unit!.validFrom, a.code).toBe(true);
      if (unit!.validTo !== null) expect(a.validTo !== null && a.validTo <= unit!.validTo, a.code).toBe(true);
    }
  });

  it('places former Bình Phước seats plausibly', () => {
    const ring = provinceOutlines['70']!;
    for (const u of demoUnits.filter(isFormerBinhPhuoc)) {
      const [lon, lat] = u.seat;
      expect(lon >= 106.2 && lon <= 107.4 && lat >= 11.2 && lat <= 12.35, `${u.code} ${lon},${lat}`).toBe(true);
      expect(pointInRing(u.seat, ring), `${u.code} outside outline`).toBe(true);
    }
  });

  it('has closed outline rings of reasonable size', () => {
    for (const [key, ring] of Object.entries(provinceOutlines)) {
      expect(byCode.has(key), key).toBe(true);
      expect(ring.length).toBeGreaterThanOrEqual(20);
      expect(ring.length).toBeLessThanOrEqual(41);
      expect(ring[0]).toEqual(ring[ring.length - 1]);
    }
  });
});
