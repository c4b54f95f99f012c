/**
 * Names of the pilot areas' regions (通辽: 科左中旗, 开鲁; 兴安盟; 吐鲁番; 洛隆县) and their parents in the
 * workers' languages, by region code. Any other region is shown in Chinese. Needs review by native speakers.
 */
export const REGION_NAMES_REVIEW_STATUS = 'needs-native-review' as const;

export type RegionNames = Readonly<Record<string, string>>;

/** The Chinese names of the codes covered (what the translations stand for). */
export const regionNamesCovered: RegionNames = {
  '15': '内蒙古自治区',
  '1505': '通辽市',
  '150521': '科尔沁左翼中旗',
  '150523': '开鲁县',
  '1522': '兴安盟',
  '152201': '乌兰浩特市',
  '65': '新疆维吾尔自治区',
  '6504': '吐鲁番市',
  '650402': '高昌区',
  '54': '西藏自治区',
  '5403': '昌都市',
  '540329': '洛隆县',
};

export const mnMongRegionNames: RegionNames = {
  '15': 'ᠦᠪᠦᠷ ᠮᠣᠩᠭᠣᠯ ᠤᠨ ᠥᠪᠡᠷᠲᠡᠭᠡᠨ ᠵᠠᠰᠠᠬᠤ ᠣᠷᠤᠨ',
  '1505': 'ᠲᠦᠩᠯᠢᠶᠣᠤ ᠬᠣᠲᠠ',
  '150521': 'ᠬᠣᠷᠴᠢᠨ ᠵᠡᠭᠦᠨ ᠭᠠᠷ ᠤᠨ ᠳᠤᠮᠳᠠᠳᠤ ᠬᠣᠰᠢᠭᠤ',
  '150523': 'ᠺᠠᠶᠢᠯᠦ ᠰᠢᠶᠠᠨ',
  '1522': 'ᠬᠢᠩᠭᠠᠨ ᠠᠶᠢᠮᠠᠭ',
  '152201': 'ᠤᠯᠠᠭᠠᠨᠬᠣᠲᠠ ᠬᠣᠲᠠ',
  '65': 'ᠰᠢᠨᠵᠢᠶᠠᠩ ᠤᠶᠢᠭᠤᠷ ᠤᠨ ᠥᠪᠡᠷᠲᠡᠭᠡᠨ ᠵᠠᠰᠠᠬᠤ ᠣᠷᠤᠨ',
  '6504': 'ᠲᠤᠷᠹᠠᠨ ᠬᠣᠲᠠ',
  '650402': 'ᠭᠠᠣᠴᠠᠩ ᠲᠣᠭᠣᠷᠢᠭ',
  '54': 'ᠲᠥᠪᠡᠳ ᠦᠨ ᠥᠪᠡᠷᠲᠡᠭᠡᠨ ᠵᠠᠰᠠᠬᠤ ᠣᠷᠤᠨ',
  '5403': 'ᠴᠠᠮᠳᠣ ᠬᠣᠲᠠ',
  '540329': 'ᠯᠣᠷᠣᠩ ᠰᠢᠶᠠᠨ',
};

export const ugRegionNames: RegionNames = {
  '15': 'ئىچكى موڭغۇل ئاپتونوم رايونى',
  '1505': 'تۇڭلياۋ شەھىرى',
  '150521': 'خورچىن سول قانات ئوتتۇرا خوشۇنى',
  '150523': 'كەيلۇ ناھىيىسى',
  '1522': 'شىڭئەن ئايمىقى',
  '152201': 'ئۇلانقوت شەھىرى',
  '65': 'شىنجاڭ ئۇيغۇر ئاپتونوم رايونى',
  '6504': 'تۇرپان شەھىرى',
  '650402': 'قاراغوجا رايونى',
  '54': 'شىزاڭ ئاپتونوم رايونى',
  '5403': 'چامدو شەھىرى',
  '540329': 'لورۇڭ ناھىيىسى',
};

export const boRegionNames: RegionNames = {
  '15': 'ནང་སོག་རང་སྐྱོང་ལྗོངས།',
  '1505': 'ཐུང་ལེའོ་གྲོང་ཁྱེར།',
  '150521': 'ཁོར་ཆིན་གཡོན་ཕྱོགས་དབུས་མའི་ཆི།',
  '150523': 'ཁེ་ལུའུ་རྫོང་།',
  '1522': 'ཞིང་ཨན་ཆུས།',
  '152201': 'ཨུ་ལན་ཧོ་ཐེ་གྲོང་ཁྱེར།',
  '65': 'ཞིན་ཅང་ཡུ་གུར་རང་སྐྱོང་ལྗོངས།',
  '6504': 'ཐུར་ཕན་གྲོང་ཁྱེར།',
  '650402': 'ཀའོ་ཁྲང་ཁུལ།',
  '54': 'བོད་རང་སྐྱོང་ལྗོངས།',
  '5403': 'ཆབ་མདོ་གྲོང་ཁྱེར།',
  '540329': 'ལྷོ་རོང་རྫོང་།',
};

const LEVEL_LENGTHS = [2, 4, 6, 9, 12];

/** A region's name from `names`, or null (then show the Chinese name). */
export function regionNameFrom(names: RegionNames | undefined, code: string): string | null {
  return names?.[code] ?? null;
}

/** The full name (province first) from `names` when every level is there, else null. */
export function regionFullNameFrom(names: RegionNames | undefined, code: string): string | null {
  if (!names) return null;
  const parts = LEVEL_LENGTHS.filter((n) => n <= code.length).map((n) => names[code.slice(0, n)]);
  return parts.length > 0 && parts.every((p): p is string => p !== undefined) ? parts.join(' ') : null;
}

/**
 * A region's full Chinese name ("内蒙古自治区通辽市科尔沁左翼中旗保康镇保南村") in the language of `names`, level by
 * level: each leading level `names` covers in the language, the rest (townships, villages, regions without a
 * translation) kept in Chinese as written. A name with no translated level comes back as given.
 */
export function regionPathNameFrom(names: RegionNames | undefined, code: string, zhFullName: string): string {
  if (!names) return zhFullName;
  const translated: string[] = [];
  let rest = zhFullName.trim();
  for (const n of LEVEL_LENGTHS) {
    if (n > code.length) break;
    const sub = code.slice(0, n);
    const zh = regionNamesCovered[sub];
    const local = names[sub];
    // A name may leave out its upper levels ("科尔沁左翼中旗"): skip those, translate what it does start with.
    if (zh && local && rest.startsWith(zh)) {
      translated.push(local);
      rest = rest.slice(zh.length).trim();
    }
  }
  return translated.length === 0 ? zhFullName : [...translated, rest].filter((part) => part !== '').join(' ');
}
