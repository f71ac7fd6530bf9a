// `npm run bench [-- --quick] [-- --only=read-route,hub-fanout,cold-start,indicators,excel-upload,dossiers-ingest,dossiers,feedback,wall-soak]`: runs each measure against its
// raw baseline in this same run and prints one table. It reports; it never fails the build on a short goal.
// telemetry-history runs only when named in --only= (its first run fills 100 M rows: tens of minutes, ~12 GB).
import os from 'node:os';
import { type BenchOptions, type BenchRow, cleanUp, type DatabaseKind, isPostgresReachable } from './bench-setup.js';
import { measureColdStart } from './cold-start.js';
import { measureDossierQueries } from './dossiers.js';
import { measureDossierIngest } from './dossiers-ingest.js';
import { measureExcelUpload } from './excel-upload.js';
import { measureFeedback } from './feedback.js';
import { measureClassification } from './feedback-classify.js';
import { measureHubFanout } from './hub-fanout.js';
import { measureIndicators } from './indicators.js';
import { measureReadRoute } from './read-route.js';
import { measureWallSoak } from './wall-soak.js';
import { measureTelemetry } from './telemetry.js';
import { measureTelemetryHistory } from './telemetry-history.js';

const MEASURES = ['cold-start', 'read-route', 'hub-fanout', 'indicators', 'excel-upload', 'dossiers-ingest', 'dossiers', 'feedback', 'wall-soak', 'telemetry', 'telemetry-history'] as const;
const ON_REQUEST_ONLY: readonly string[] = ['telemetry-history'];   // not in the default run
type MeasureName = (typeof MEASURES)[number];

function parseArgs(argv: string[]): BenchOptions & { only: Set<MeasureName> } {
  const quick = argv.includes('--quick');
  const onlyArg = argv.find((a) => a.startsWith('--only='));
  const only = new Set<MeasureName>();
  for (const name of onlyArg ? onlyArg.slice('--only='.length).split(',') : MEASURES.filter((m) => !ON_REQUEST_ONLY.includes(m))) {
    if (!(MEASURES as readonly string[]).includes(name)) throw new Error(`unknown measure "${name}"; known: ${MEASURES.join(', ')}`);
    only.add(name as MeasureName);
  }
  return { quick, only };
}

function printTable(rows: BenchRow[]): void {
  const header = ['measure', 'database', 'value', 'baseline (raw, same run)', 'ratio', 'goal', 'pass/short'];
  const cells = rows.map((r) => [r.measure, r.database, r.value, r.baseline, r.ratio, r.goal, r.pass === null ? '-' : r.pass ? 'pass' : 'SHORT']);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((x, i) => x.padEnd(widths[i]!)).join(' | ')} |`;
  const out = [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)];
  process.stdout.write(out.join('\n') + '\n');
}

const options = parseArgs(process.argv.slice(2));
// Ctrl-C: the spawned servers get the signal from the terminal too; drop our databases and temp dirs.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => { void cleanUp().finally(() => process.exit(130)); });
}
const started = performance.now();
const hasPostgres = await isPostgresReachable();
const kinds: DatabaseKind[] = hasPostgres ? ['pglite', 'postgres'] : ['pglite'];
const rows: BenchRow[] = [];
const failures: string[] = [];

async function attempt(label: string, run: () => Promise<BenchRow[]>): Promise<void> {
  const t0 = performance.now();
  process.stderr.write(`bench: ${label} …\n`);
  try {
    rows.push(...await run());
  } catch (err) {
    failures.push(`${label}: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    rows.push({ measure: `${label} (failed, see below)`, database: '-', value: '-', baseline: '-', ratio: '-', goal: '-', pass: false });
  }
  process.stderr.write(`bench: ${label} done in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
}

try {
  // cold-start first: its first starts prepare the databases that the other measures then reuse.
  if (options.only.has('cold-start')) await attempt('cold-start', () => measureColdStart(kinds, options));
  if (options.only.has('read-route')) for (const kind of kinds) await attempt(`read-route ${kind}`, () => measureReadRoute(kind, options));
  if (options.only.has('hub-fanout')) await attempt(`hub-fanout ${kinds.at(-1)!}`, () => measureHubFanout(kinds.at(-1)!, options));
  if (options.only.has('indicators')) for (const kind of kinds) await attempt(`indicators ${kind}`, () => measureIndicators(kind, options));
  if (options.only.has('excel-upload')) for (const kind of kinds) await attempt(`excel-upload ${kind}`, () => measureExcelUpload(kind, options));
  if (options.only.has('dossiers-ingest')) for (const kind of kinds) await attempt(`dossiers-ingest ${kind}`, () => measureDossierIngest(kind, options));
  if (options.only.has('dossiers')) for (const kind of kinds) await attempt(`dossiers ${kind}`, () => measureDossierQueries(kind, options));
  if (options.only.has('feedback')) {
    for (const kind of kinds) await attempt(`feedback ${kind}`, () => measureFeedback(kind, options));
    await attempt('feedback classification', () => measureClassification(options, kinds));
  }
  // A few minutes of one kiosk screen in Chromium (IOC_SOAK_SECONDS to change); on the last database kind.
  if (options.only.has('wall-soak')) await attempt(`wall-soak ${kinds.at(-1)!}`, () => measureWallSoak(kinds.at(-1)!, options));
  // Telemetry ingest beside raw COPY into the same table, over HTTP and MQTT (PostgreSQL); the pipeline alone on PGlite.
  if (options.only.has('telemetry')) for (const kind of kinds) await attempt(`telemetry ${kind}`, () => measureTelemetry(kind, options));
  // The read budgets at 100 M history rows, in a kept database (bench/telemetry-history.ts); PostgreSQL only.
  if (options.only.has('telemetry-history') && hasPostgres) await attempt('telemetry-history postgres', () => measureTelemetryHistory());
} finally {
  await cleanUp();
}

const cpus = os.cpus();
process.stdout.write(
  `\nIOC bench (${options.quick ? 'quick' : 'full'}) — ${cpus.length} × ${cpus[0]?.model.trim() ?? 'cpu'}, Node ${process.version}; ` +
  `databases: PGlite (embedded)${hasPostgres ? ' and PostgreSQL' : '; PostgreSQL not reachable, skipped'}; ` +
  `${((performance.now() - started) / 1000).toFixed(0)} s\n\n`,
);
printTable(rows);
if (failures.length > 0) process.stdout.write(`\nFailures:\n${failures.join('\n')}\n`);
// Reports, does not gate: a short goal is a finding for a person to read, not a red build.
process.exit(0);
