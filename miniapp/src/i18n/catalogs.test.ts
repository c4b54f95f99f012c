import { glossary, LocaleCodes } from '@zhuanyi/shared';
import { staffSections, type PartialCatalog } from './locales';
import { allLocales as locales } from './locales/all';
import { zhCN } from './locales/zh-CN';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : leaves(value, `${prefix}${key}.`),
  );
}

const workerTree = Object.fromEntries(
  Object.entries(zhCN).filter(([section]) => !(staffSections as readonly string[]).includes(section)),
) as Tree;
const zhLeaves = leaves(workerTree);
const scripts = { 'mn-Mong': /[\u1820-\u1878]/, ug: /[\u0626-\u06d5]/, bo: /[\u0f40-\u0f6c]/ } as const;
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const others = LocaleCodes.filter((code) => code !== 'zh-CN') as (keyof typeof scripts)[];

describe('app catalogs per language (worker pages)', () => {
  it('covers a real number of worker keys', () => {
    expect(zhLeaves.length).toBeGreaterThan(250);
  });

  it.each(others)('%s: every worker key of zh-CN has text in its own script with the same placeholders', (code) => {
    const found = new Map(leaves(locales[code].messages as PartialCatalog as Tree));
    const missing = zhLeaves.filter(([key]) => !found.get(key)).map(([key]) => key);
    expect(missing).toEqual([]);
    for (const [key, zh] of zhLeaves) {
      const text = found.get(key) ?? '';
      // Chinese digits-only strings (none today) would need no script; every text here has words.
      expect({ key, script: scripts[code].test(text) }).toEqual({ key, script: true });
      expect({ key, han: /[\u4e00-\u9fff]/.test(text) }).toEqual({ key, han: false });
      expect({ key, placeholders: placeholders(text) }).toEqual({ key, placeholders: placeholders(zh) });
    }
  });

  it.each(others)('%s: holds no key zh-CN lacks', (code) => {
    const zhKeys = new Set(zhLeaves.map(([key]) => key));
    expect(leaves(locales[code].messages as PartialCatalog as Tree).filter(([key]) => !zhKeys.has(key))).toEqual([]);
  });

  it.each(others)('%s: worker texts that name a glossary term use the glossary wording', (code) => {
    const found = new Map(leaves(locales[code].messages as PartialCatalog as Tree));
    const off: string[] = [];
    for (const entry of glossary) {
      for (const [key, zh] of zhLeaves) {
        if (zh.includes(entry.zh) && !(found.get(key) ?? '').includes(entry.terms[code])) off.push(`${key}: ${entry.zh}`);
      }
    }
    expect(off).toEqual([]);
  });
});
