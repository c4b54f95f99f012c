// Builds the on-demand web fonts for Mongolian, Uyghur and Tibetan into bff/static/fonts as woff2,
// subset to each script's Unicode blocks (plus digits and punctuation), from Debian's Noto fonts:
//   apt-get download fonts-noto-core fonts-noto-extra && dpkg -x <deb> <dir>
//   node scripts/build-fonts.mjs <dir>/usr/share/fonts/truetype/noto
// Then a few-KB '-name' font per script holding only the language's own name (the language switch on
// every first screen shows it; the whole font is fetched only when the language is in use):
//   node scripts/build-fonts.mjs --names-only   (from the woff2 files already in bff/static/fonts)
// The same step writes an '-offline' font per script holding only the offline page's own line in that language
// (miniapp/h5-static/offline.html): the service worker keeps them with the page, so those lines render offline.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import subsetFont from 'subset-font';

const src = process.argv[2] ?? '/usr/share/fonts/truetype/noto';
const out = resolve(import.meta.dirname, '../bff/static/fonts');

function range(from, to) {
  let s = '';
  for (let c = from; c <= to; c += 1) s += String.fromCodePoint(c);
  return s;
}
const common = range(0x20, 0x7e) + '\u00ab\u00bb\u200b\u200c\u200d\u200e\u200f\u202f\u2010\u2013\u2014\u2026\u00b7';

// `name`: the language's name as shared/src/i18n/locales.ts (localeNames) writes it.
export const fonts = [
  {
    file: 'NotoSansMongolian-Regular.ttf',
    out: 'noto-sans-mongolian.woff2',
    text: common + range(0x1800, 0x18af) + range(0x11660, 0x1167f),
    name: 'ᠮᠣᠩᠭᠣᠯ',
    lang: 'mn-Mong',
  },
  {
    file: 'NotoNaskhArabic-Regular.ttf',
    out: 'noto-naskh-arabic.woff2',
    text: common + range(0x0600, 0x06ff) + range(0x0750, 0x077f) + range(0xfb50, 0xfdff) + range(0xfe70, 0xfeff),
    name: 'ئۇيغۇرچە',
    lang: 'ug',
  },
  { file: 'NotoSerifTibetan-Regular.ttf', out: 'noto-serif-tibetan.woff2', text: common + range(0x0f00, 0x0fff), name: 'བོད་ཡིག', lang: 'bo' },
];

const offlinePage = resolve(import.meta.dirname, '../miniapp/h5-static/offline.html');

/** The offline page's text in `lang` (its `lang="…"` lines). */
export function offlineText(html, lang) {
  const lines = [...html.matchAll(/<(\w+)[^>]*\slang="([^"]+)"[^>]*>([^<]*)<\/\1>/g)].filter((m) => m[2] === lang).map((m) => m[3]);
  if (lines.length === 0) throw new Error(`offline.html has no lang="${lang}" line`);
  return lines.join('');
}

const namesOnly = process.argv.includes('--names-only');
await mkdir(out, { recursive: true });
for (const font of namesOnly ? [] : fonts) {
  const input = await readFile(join(src, font.file));
  const woff2 = await subsetFont(input, font.text, { targetFormat: 'woff2' });
  await writeFile(join(out, font.out), woff2);
  console.log(`${font.out}: ${input.length} -> ${woff2.length} bytes`);
}
for (const font of fonts) {
  const whole = await readFile(join(out, font.out));
  const nameFile = font.out.replace(/\.woff2$/, '-name.woff2');
  const woff2 = await subsetFont(whole, font.name, { targetFormat: 'woff2' });
  await writeFile(join(out, nameFile), woff2);
  console.log(`${nameFile}: ${woff2.length} bytes`);
  const offlineFile = font.out.replace(/\.woff2$/, '-offline.woff2');
  const offline = await subsetFont(whole, offlineText(await readFile(offlinePage, 'utf8'), font.lang), { targetFormat: 'woff2' });
  await writeFile(join(out, offlineFile), offline);
  console.log(`${offlineFile}: ${offline.length} bytes`);
}
