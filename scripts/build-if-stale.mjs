// Builds a Taro target (h5 or weapp) when its output is missing or older than the sources it comes from.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const sources = ['miniapp/src', 'miniapp/config', 'shared/src', 'miniapp/babel.config.js', 'miniapp/package.json'];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) {
    if (name === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(join(path, name)));
  }
  return newest;
}

export function isStale(target) {
  const marker = join(root, 'miniapp/dist', target, target === 'h5' ? 'index.html' : 'app.json');
  if (!existsSync(marker)) return true;
  const built = statSync(marker).mtimeMs;
  return sources.some((s) => newestMtime(join(root, s)) > built);
}

export function buildIfStale(target, { force = false } = {}) {
  if (!force && !isStale(target)) {
    console.log(`[build] miniapp ${target} is up to date`);
    return;
  }
  console.log(`[build] building miniapp ${target} ...`);
  const started = Date.now();
  const r = spawnSync('npm', ['-w', 'miniapp', 'run', `build:${target}`], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`[build] the ${target} build failed (exit ${r.status}); run "npm run build:${target}" to see why`);
    process.exit(r.status ?? 1);
  }
  console.log(`[build] ${target} built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const force = process.argv.includes('--force');
  for (const t of process.argv.slice(2).filter((a) => !a.startsWith('--'))) buildIfStale(t, { force });
}
