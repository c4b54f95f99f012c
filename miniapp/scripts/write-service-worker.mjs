#!/usr/bin/env node
// Copies the H5 service worker and its offline page (h5-static/) into the H5 build, stamping the worker
// with a version made from the built index.html (which names every hashed entry file) and the copied
// files: any change to the app gives a new worker, which drops the old version's cache (see h5-static/sw.js).
// Usage: node scripts/write-service-worker.mjs [distDir]   (default dist/h5; run after `taro build --type h5`)
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const source = path.join(here, '../h5-static');
const dist = path.resolve(process.argv[2] ?? path.join(here, '../dist/h5'));
const indexHtml = path.join(dist, 'index.html');
if (!fs.existsSync(indexHtml)) {
  console.error(`No H5 build at ${dist}: run \`taro build --type h5\` first.`);
  process.exit(1);
}
const worker = fs.readFileSync(path.join(source, 'sw.js'), 'utf8');
const offline = fs.readFileSync(path.join(source, 'offline.html'));
// The offline page's own fonts (kept by the worker at install) change the version too.
const fontsDir = path.join(here, '../../bff/static/fonts');
const offlineFonts = fs.existsSync(fontsDir) ? fs.readdirSync(fontsDir).filter((f) => f.endsWith('-offline.woff2')).sort() : [];
const hash = createHash('sha256').update(fs.readFileSync(indexHtml)).update(worker).update(offline);
for (const f of offlineFonts) hash.update(fs.readFileSync(path.join(fontsDir, f)));
const version = hash.digest('hex').slice(0, 12);
fs.writeFileSync(path.join(dist, 'sw.js'), worker.replace('__SW_VERSION__', version));
fs.writeFileSync(path.join(dist, 'offline.html'), offline);
console.log(`service worker ${version} written to ${dist}`);
