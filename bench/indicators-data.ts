// Bench data for the indicators measure: a catalog of BENCH_001… indicators, a monthly form BENCH assigned
// to the demo's districts and communes, approved submissions, and values generated on the database server
// (INSERT … SELECT over generate_series, no rows travel through Node). Also the raw baseline: the same
// SELECT into an unindexed scratch table with the same columns (no primary key, indexes or foreign keys).
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import type { Database } from '../src/server/db/client.js';

export const FORM_CODE = 'BENCH';
export const codeOf = (n: number) => `BENCH_${String(n).padStart(3, '0')}`;
export const rowCodeOf = (n: number) => `R${String(n).padStart(3, '0')}`;

/** A raw statement with positional parameters, straight through the driver (no Drizzle): the baselines use it. */
export type RawQuery = <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

export function rawQueryOf(database: Database): RawQuery {
  if (database.kind === 'pglite') {
    const pglite = (database as Database & { pglite: PGlite }).pglite;
    return async <T>(text: string, params?: unknown[]) => (await pglite.query<T>(text, params)).rows;
  }
  const pool = (database as Database & { pool: pg.Pool }).pool;
  return async <T>(text: string, params?: unknown[]) => (await pool.query(text, params)).rows as T[];
}

export interface BenchVolume {
  indicators: number;       // BENCH_001 … BENCH_<n>
  sexIndicators: number;    // the last ones are disaggregated by SEX (2 options, no stored total — as the demo stores them)
  firstMonth: string;       // '2015-01'
  months: number;           // consecutive months from firstMonth
}

export interface BenchUnits {
  provinceId: string;
  districts: { id: string; code: string; communeIds: string[] }[];
  all: string[];            // districts and communes: the reporting units
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function uuidList(ids: string[]): string {
  for (const id of ids) if (!uuidPattern.test(id)) throw new Error(`not a uuid: ${id}`);
  return ids.map((id) => `('${id}'::uuid)`).join(',');
}

/** The districts directly under province '70' and their communes, as valid on `asOf`. */
export async function benchUnits(raw: RawQuery, asOf: string): Promise<BenchUnits> {
  const [province] = await raw<{ id: string }>(`SELECT id FROM units WHERE code = '70'`);
  if (!province) throw new Error('the demo province 70 is missing: was the database prepared with seedDemo?');
  const valid = (a: string) => `${a}.valid_from <= $1 AND (${a}.valid_to IS NULL OR ${a}.valid_to > $1)`;
  const districts = await raw<{ id: string; code: string }>(`SELECT d.id, d.code FROM units d WHERE d.parent_id = $2 AND ${valid('d')} ORDER BY d.code`, [asOf, province.id]);
  const communes = await raw<{ id: string; parent_id: string }>(
    `SELECT c.id, c.parent_id FROM units c JOIN units d ON d.id = c.parent_id WHERE d.parent_id = $2 AND ${valid('d')} AND ${valid('c')} ORDER BY c.path`, [asOf, province.id]);
  const result = districts.map((d) => ({ ...d, communeIds: communes.filter((c) => c.parent_id === d.id).map((c) => c.id) }));
  return { provinceId: province.id, districts: result, all: [...result.map((d) => d.id), ...communes.map((c) => c.id)] };
}

/** Indicators, form, rows, assignments, and one approved submission per unit × month (all server-side). */
export async function createBenchCatalog(database: Database, raw: RawQuery, volume: BenchVolume, units: BenchUnits): Promise<{ submissions: number }> {
  const firstDay = `${volume.firstMonth}-01`;
  await database.exec(`
    CREATE TABLE bench_units (n int PRIMARY KEY, id uuid NOT NULL);
    CREATE TABLE bench_periods (mi int PRIMARY KEY, period_id text NOT NULL, period_start date NOT NULL);
    CREATE TABLE bench_ind (n int PRIMARY KEY, id uuid NOT NULL, sex boolean NOT NULL);
    INSERT INTO bench_units (n, id) SELECT row_number() OVER (), id FROM (VALUES ${uuidList(units.all)}) v(id);
    INSERT INTO bench_periods (mi, period_id, period_start)
      SELECT g, to_char(d, 'YYYY-MM'), d::date FROM generate_series(0, ${volume.months - 1}) g, LATERAL (SELECT '${firstDay}'::date + make_interval(months => g) AS d) x;
    INSERT INTO indicators (id, code, name, name_en, measure_unit, sector, value_type, unit_aggregation, time_aggregation, decimals, dimension_codes, description)
      SELECT gen_random_uuid(), 'BENCH_' || lpad(n::text, 3, '0'), 'Chỉ tiêu đo tải ' || n, 'Bench indicator ' || n, 'đơn vị', 'economy', 'number', 'sum', 'sum', 1,
        CASE WHEN n > ${volume.indicators - volume.sexIndicators} THEN ARRAY['SEX'] ELSE ARRAY[]::text[] END, 'Synthetic, created by npm run bench'
      FROM generate_series(1, ${volume.indicators}) n;
    INSERT INTO bench_ind (n, id, sex) SELECT substr(code, 7)::int, id, dimension_codes <> ARRAY[]::text[] FROM indicators WHERE code LIKE 'BENCH\\_%';
    INSERT INTO forms (id, code, version, name, name_en, period_type, cutoff_day, deadline_days, valid_from_period)
      VALUES (gen_random_uuid(), '${FORM_CODE}', 1, 'Biểu đo tải', 'Bench form', 'monthly', 1, 10, '${volume.firstMonth}');
    INSERT INTO form_rows (form_id, row_code, section, indicator_id, sort)
      SELECT f.id, 'R' || lpad(i.n::text, 3, '0'), NULL, i.id, i.n FROM bench_ind i, forms f WHERE f.code = '${FORM_CODE}';
    INSERT INTO form_assignments (form_code, unit_id) SELECT '${FORM_CODE}', id FROM bench_units;
    INSERT INTO submissions (id, form_id, form_code, unit_id, period_id, state, due_on, submitted_at, first_submitted_at, decided_at)
      SELECT gen_random_uuid(), f.id, f.code, u.id, p.period_id, 'approved', (p.period_start + interval '1 month' + interval '9 days')::date,
        p.period_start + interval '1 month 5 days', p.period_start + interval '1 month 5 days', p.period_start + interval '1 month 7 days'
      FROM forms f, bench_units u, bench_periods p WHERE f.code = '${FORM_CODE}';
    ANALYZE bench_units; ANALYZE bench_periods; ANALYZE bench_ind; ANALYZE submissions;
  `);
  const [row] = await raw<{ n: number }>(`SELECT count(*)::int AS n FROM submissions WHERE form_code = $1`, [FORM_CODE]);
  return { submissions: row?.n ?? 0 };
}

/** The generated rows of indicators [from, to]: value, option and submission of each cell. */
function valuesSelect(from: number, to: number): string {
  return `
    SELECT i.id, u.id, 'monthly', p.period_id, p.period_start, o.key,
      ((i.n * 7919 + u.n * 104729 + p.mi * 31 + o.k * 17) % 1000)::float8 / 10 + 1,
      s.id, 'Dữ liệu đo tải (synthetic)'
    FROM bench_ind i
    CROSS JOIN LATERAL unnest(CASE WHEN i.sex THEN ARRAY['SEX=MALE', 'SEX=FEMALE'] ELSE ARRAY[''] END) WITH ORDINALITY AS o(key, k)
    CROSS JOIN bench_units u
    CROSS JOIN bench_periods p
    JOIN submissions s ON s.form_code = '${FORM_CODE}' AND s.unit_id = u.id AND s.period_id = p.period_id
    WHERE i.n BETWEEN ${from} AND ${to}`;
}

const COLUMNS = 'indicator_id, unit_id, period_type, period_id, period_start, option_key, value, submission_id, updated_by';

export interface LoadTiming { rows: number; ms: number }

/** Loads the values into `table`, `batch` indicators per statement (each its own transaction). */
async function loadInto(raw: RawQuery, table: string, volume: BenchVolume, batch: number, progress: (done: number) => void): Promise<LoadTiming> {
  let rows = 0;
  const t0 = performance.now();
  for (let from = 1; from <= volume.indicators; from += batch) {
    const to = Math.min(volume.indicators, from + batch - 1);
    const [r] = await raw<{ n: number }>(`WITH ins AS (INSERT INTO ${table} (${COLUMNS}) ${valuesSelect(from, to)} RETURNING 1) SELECT count(*)::int AS n FROM ins`);
    rows += r?.n ?? 0;
    progress(to);
  }
  return { rows, ms: performance.now() - t0 };
}

/**
 * The raw baseline first (same SELECT into a table LIKE indicator_values without its indexes and keys,
 * then dropped), then the real load into indicator_values; ANALYZE after it is timed apart.
 */
export async function loadValues(database: Database, raw: RawQuery, volume: BenchVolume, progress: (what: string) => void): Promise<{ raw: LoadTiming; real: LoadTiming; analyzeMs: number }> {
  const batch = Math.max(1, Math.ceil(volume.indicators / 10));
  await database.exec('CREATE TABLE bench_raw_values (LIKE indicator_values INCLUDING DEFAULTS INCLUDING IDENTITY)');
  const rawTiming = await loadInto(raw, 'bench_raw_values', volume, batch, (n) => progress(`raw baseline ${n}/${volume.indicators} indicators`));
  await database.exec('DROP TABLE bench_raw_values');
  await database.exec('CHECKPOINT');
  const real = await loadInto(raw, 'indicator_values', volume, batch, (n) => progress(`indicator_values ${n}/${volume.indicators} indicators`));
  if (real.rows !== rawTiming.rows) throw new Error(`load: ${real.rows} rows into indicator_values but ${rawTiming.rows} into the baseline`);
  const t0 = performance.now();
  await database.exec('ANALYZE indicator_values');
  return { raw: rawTiming, real, analyzeMs: performance.now() - t0 };
}

/** Annual 2024 targets for BENCH_001 … BENCH_<count> on the province. */
export async function setBenchTargets(raw: RawQuery, provinceId: string, year: number, count: number): Promise<void> {
  await raw(`INSERT INTO targets (indicator_id, unit_id, year, annual)
    SELECT id, $1, $2, 6500 + n * 10 FROM bench_ind WHERE n <= $3`, [provinceId, year, count]);
}
