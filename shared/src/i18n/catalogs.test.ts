import { zhCN } from './zh-CN';
import { workerSharedKeys, isWorkerFacingSharedKey } from './worker-keys';
import { glossary, GLOSSARY_REVIEW_STATUS } from './glossary';
import { mnMongShared } from './mn-Mong';
import { ugShared } from './ug';
import { boShared } from './bo';
import { LocaleCodes, matchLocale } from './locales';
import type { SharedTranslation } from './translations';

const catalogs: Record<'mn-Mong' | 'ug' | 'bo', SharedTranslation> = { 'mn-Mong': mnMongShared, ug: ugShared, bo: boShared };
/** Each language's own script must carry the text. */
const scripts = { 'mn-Mong': /[\u1820-\u1878]/, ug: /[\u0626-\u06d5]/, bo: /[\u0f40-\u0f6c]/ };
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('shared catalogs per language', () => {
  it('has a catalog for every UI language but Chinese', () => {
    expect(Object.keys(catalogs).sort()).toEqual(LocaleCodes.filter((c) => c !== 'zh-CN').sort());
  });

  it.each(Object.entries(catalogs))('%s: every worker-facing key has text in its own script, with the same placeholders', (code, catalog) => {
    const missing = workerSharedKeys.filter((key) => !catalog[key]);
    expect(missing).toEqual([]);
    for (const key of workerSharedKeys) {
      const text = catalog[key] ?? '';
      expect({ key, script: scripts[code as keyof typeof scripts].test(text) }).toEqual({ key, script: true });
      expect({ key, han: /[\u4e00-\u9fff]/.test(text) }).toEqual({ key, han: false });
      expect({ key, placeholders: placeholders(text) }).toEqual({ key, placeholders: placeholders(zhCN[key]) });
    }
  });

  it.each(Object.entries(catalogs))('%s: holds no key Chinese lacks and no staff-only key', (_code, catalog) => {
    const extra = Object.keys(catalog).filter((key) => !(key in zhCN) || !isWorkerFacingSharedKey(key));
    expect(extra).toEqual([]);
  });

  it('the glossary covers the five domain terms in every language and is marked for native review', () => {
    expect(glossary.map((g) => g.zh)).toEqual(['实名登记', '欠薪', '仲裁', '劳务经纪人', '补贴']);
    expect(GLOSSARY_REVIEW_STATUS).toBe('needs-native-review');
    for (const entry of glossary) for (const term of Object.values(entry.terms)) expect(term.length).toBeGreaterThan(1);
  });

  it('where Chinese uses a glossary term, each translation uses the glossary wording', () => {
    const off: string[] = [];
    for (const entry of glossary) {
      for (const key of workerSharedKeys.filter((k) => zhCN[k].includes(entry.zh))) {
        for (const [code, catalog] of Object.entries(catalogs)) {
          const term = entry.terms[code as keyof typeof entry.terms];
          if (!(catalog[key] ?? '').includes(term)) off.push(`${code} ${key}: ${entry.zh}`);
        }
      }
    }
    expect(off).toEqual([]);
  });
});

describe('matchLocale()', () => {
  it.each([
    ['zh-Hans-CN', 'zh-CN'],
    ['zh_CN', 'zh-CN'],
    ['mn', 'mn-Mong'],
    ['mn-Mong-CN', 'mn-Mong'],
    ['mn-CN', 'mn-Mong'],
    ['mn-MN', null],
    ['mn-Cyrl', null],
    ['ug-CN', 'ug'],
    ['ug', 'ug'],
    ['bo-CN', 'bo'],
    ['en-US', null],
    ['', null],
  ])('%s -> %s', (tag, expected) => {
    expect(matchLocale(tag)).toBe(expected);
  });
});
