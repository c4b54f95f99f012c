// `npm test`: type-check and lint every package, make sure the H5 and weapp builds are current, then run all Jest projects.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIfStale } from './build-if-stale.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

run('npx', ['tsc', '-p', 'shared']);
run('npx', ['tsc', '-p', 'bff']);
run('npx', ['tsc', '-p', 'tests']);
run('npx', ['tsc', '-p', 'miniapp']);
run('npx', ['eslint', '.']);
buildIfStale('h5');
buildIfStale('weapp');
run('npx', ['jest', ...process.argv.slice(2)]);
