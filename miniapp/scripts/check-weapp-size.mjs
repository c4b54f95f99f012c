#!/usr/bin/env node
// Prints the size of every weapp package (main + each subpackage) from dist/weapp,
// and exits 1 when the main package exceeds 1.5 MB (WeChat's cap is 2 MB; the rest is kept for a weak signal's first download).
// Usage: node scripts/check-weapp-size.mjs [distDir]   (run `npm run build:weapp` first)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MAIN_LIMIT = 1.5 * 1024 * 1024;
const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(process.argv[2] ?? path.join(here, '../dist/weapp'));

function filesUnder(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

// WeChat does not upload source maps or license notes.
const counted = (file) => !/\.(map|LICENSE\.txt)$/.test(file);
const fmt = (bytes) => `${(bytes / 1024).toFixed(1).padStart(8)} KiB  (${bytes} bytes)`;

const appJsonPath = path.join(dist, 'app.json');
if (!fs.existsSync(appJsonPath)) {
  console.error(`No weapp build at ${dist}: run \`npm -w miniapp run build:weapp\` first.`);
  process.exit(1);
}
const appJson = JSON.parse(fs.readFileSync(appJsonPath, 'utf8'));
const roots = (appJson.subPackages ?? appJson.subpackages ?? []).map((p) => p.root.replace(/\/+$/, ''));

const sizes = new Map([['main', 0], ...roots.map((r) => [r, 0])]);
for (const file of filesUnder(dist).filter(counted)) {
  const rel = path.relative(dist, file).split(path.sep).join('/');
  const owner = roots.find((r) => rel === r || rel.startsWith(`${r}/`)) ?? 'main';
  sizes.set(owner, sizes.get(owner) + fs.statSync(file).size);
}

let total = 0;
console.log(`weapp package sizes (${dist})`);
for (const [name, bytes] of sizes) {
  total += bytes;
  console.log(`  ${name.padEnd(20)} ${fmt(bytes)}`);
}
console.log(`  ${'total'.padEnd(20)} ${fmt(total)}`);

const main = sizes.get('main');
if (main > MAIN_LIMIT) {
  console.error(`Main package is ${main} bytes, over the 1.5 MB limit (${MAIN_LIMIT} bytes). Move code into subpackages.`);
  process.exit(1);
}
console.log(`Main package is ${((main / MAIN_LIMIT) * 100).toFixed(1)}% of the 1.5 MB limit.`);
