#!/usr/bin/env node
// Writes brotli (.br) and gzip (.gz) copies of the H5 build's text assets, once at build time, so
// the BFF answers them compressed without compressing per request (bff/src/http/static-files.ts).
// Usage: node scripts/precompress.mjs [distDir]   (default dist/h5; run after `taro build --type h5`)
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(process.argv[2] ?? path.join(here, '../dist/h5'));
const TEXT = /\.(js|css|html|svg|json|txt|webmanifest)$/;
// Below this, the headers cost more than compression saves.
const MIN_BYTES = 1024;

function filesUnder(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

if (!fs.existsSync(dist)) {
  console.error(`No H5 build at ${dist}: run \`npm -w miniapp run build:h5\` first.`);
  process.exit(1);
}
let raw = 0;
let br = 0;
let files = 0;
for (const file of filesUnder(dist).filter((f) => TEXT.test(f))) {
  const data = fs.readFileSync(file);
  if (data.length < MIN_BYTES) continue;
  const brotli = zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } });
  fs.writeFileSync(`${file}.br`, brotli);
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(data, { level: 9 }));
  raw += data.length;
  br += brotli.length;
  files += 1;
}
console.log(`precompressed ${files} files in ${dist}: ${(raw / 1024).toFixed(1)} KiB -> ${(br / 1024).toFixed(1)} KiB brotli`);
