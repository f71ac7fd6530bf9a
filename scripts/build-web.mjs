// Builds the web app into dist/web with Vite. `--if-stale` skips the build when dist/web/index.html is
// newer than every source the bundle depends on.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const output = join(root, 'dist/web/index.html');
const sources = ['src/web', 'src/shared', 'index.html', 'vite.config.ts'].map((p) => join(root, p));

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

if (process.argv.includes('--if-stale') && existsSync(output)) {
  const builtAt = statSync(output).mtimeMs;
  const newestSource = Math.max(...sources.map(newestMtime));
  if (builtAt > newestSource) {
    console.log('dist/web is up to date; skipping the web build');
    process.exit(0);
  }
}

await build({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
console.log('web built into dist/web');
