#!/usr/bin/env node
// Puts the Mongolian, Uyghur and Tibetan catalogs in the weapp's `i18n` subpackage, out of the main package:
// one CommonJS file per language (module.exports = { messages, shared }), which src/i18n/locales/load.ts
// fetches with WeChat's require.async (分包异步化) when the language is first used. zh-CN stays in the main package.
// Usage: node scripts/write-weapp-catalogs.mjs [distDir]   (default $MINIAPP_OUT_DIR or dist/weapp; run after `taro build --type weapp`)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(process.argv[2] ?? process.env.MINIAPP_OUT_DIR ?? path.join(here, '../dist/weapp'));
const locales = path.join(here, '../src/i18n/locales');
/** Must match the paths in src/i18n/locales/load.ts. */
const SUBPACKAGE = 'i18n';
const catalogs = { 'mn-Mong': 'mnMong', ug: 'ug', bo: 'bo' };

const appJsonPath = path.join(dist, 'app.json');
if (!fs.existsSync(appJsonPath)) {
  console.error(`No weapp build at ${dist}: run \`taro build --type weapp\` first.`);
  process.exit(1);
}

for (const [code, name] of Object.entries(catalogs)) {
  await build({
    stdin: { contents: `import { ${name} } from './${code}';\nmodule.exports = ${name};\n`, resolveDir: locales, loader: 'ts' },
    bundle: true,
    format: 'cjs',
    platform: 'neutral',
    target: 'es2015',
    minify: true,
    charset: 'utf8',
    // @zhuanyi/shared is TypeScript source marked side-effect free: only the language's shared texts come along.
    mainFields: ['main'],
    outfile: path.join(dist, SUBPACKAGE, `${code}.js`),
    logLevel: 'warning',
  });
}

const appJson = JSON.parse(fs.readFileSync(appJsonPath, 'utf8'));
const key = appJson.subpackages ? 'subpackages' : 'subPackages';
const packages = (appJson[key] ??= []);
if (!packages.some((p) => p.root === SUBPACKAGE)) packages.push({ root: SUBPACKAGE, pages: [] });
fs.writeFileSync(appJsonPath, JSON.stringify(appJson, null, 2));
const bytes = Object.keys(catalogs).reduce((sum, code) => sum + fs.statSync(path.join(dist, SUBPACKAGE, `${code}.js`)).size, 0);
console.log(`catalogs ${Object.keys(catalogs).join(', ')} written to the ${SUBPACKAGE} subpackage of ${dist}: ${(bytes / 1024).toFixed(1)} KiB`);
