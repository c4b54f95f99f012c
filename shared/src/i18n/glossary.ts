import type { LocaleCode } from './locales';

/**
 * Domain terms and the one wording each language uses for them, kept as data so translators
 * and tests share it. Status: machine-assisted drafts by an engineer, NOT yet reviewed —
 * every entry needs review by native speakers (Mongolian in 通辽/兴安盟, Uyghur in 吐鲁番,
 * Tibetan in 洛隆县) before release.
 */
export interface GlossaryEntry {
  /** The Chinese term as used in the zh-CN catalog. */
  zh: string;
  /** Plain-language explanation in Chinese, for reviewers. */
  meaning: string;
  terms: Record<Exclude<LocaleCode, 'zh-CN'>, string>;
}

export const GLOSSARY_REVIEW_STATUS = 'needs-native-review' as const;

export const glossary: readonly GlossaryEntry[] = [
  {
    zh: '实名登记',
    meaning: '用身份证上的真名登记到就业服务台账',
    terms: { 'mn-Mong': 'ᠪᠣᠳᠠᠲᠤ ᠨᠡᠷ᠎ᠡ ᠪᠡᠷ ᠪᠦᠷᠢᠳᠬᠡ', ug: 'ھەقىقىي ئىسىم بىلەن تىزىملىت', bo: 'མིང་ངོ་མ་ཐོ་འགོད' },
  },
  {
    zh: '欠薪',
    meaning: '老板或包工头该给的工资没有给',
    terms: { 'mn-Mong': 'ᠴᠠᠯᠢᠩ ᠤᠷᠢᠳᠠᠭᠤᠯ', ug: 'ئىش ھەققى بېرىلمى', bo: 'གླ་ཕོགས་མ་སྤྲད' },
  },
  {
    zh: '仲裁',
    meaning: '劳动人事争议仲裁委员会居中裁决工资纠纷',
    terms: { 'mn-Mong': 'ᠳᠦᠩᠨᠡᠯᠲᠡ', ug: 'ھاكىملىق سوت', bo: 'བར་གཅོད' },
  },
  {
    zh: '劳务经纪人',
    meaning: '帮乡亲们登记、找活、组织外出务工的人',
    terms: { 'mn-Mong': 'ᠬᠥᠳᠡᠯᠮᠦᠷᠢ ᠶᠢᠨ ᠵᠠᠭᠤᠴᠢ', ug: 'ئەمگەك ۋاسىتىچىسى', bo: 'ལས་ཞབས་བར་མི' },
  },
  {
    zh: '补贴',
    meaning: '政府给的钱，如培训期间的生活费、交通费',
    terms: { 'mn-Mong': 'ᠲᠡᠳᠬᠦᠯᠭᠡ', ug: 'ياردەم پۇلى', bo: 'ཁ་སྐོང་མ་དངུལ' },
  },
];
