import { boRegionNames, mnMongRegionNames, regionFullNameFrom, regionNameFrom, regionNamesCovered, regionPathNameFrom, ugRegionNames } from './region-names';

const languages = { 'mn-Mong': [mnMongRegionNames, /[\u1820-\u1878]/], ug: [ugRegionNames, /[\u0626-\u06d5]/], bo: [boRegionNames, /[\u0f40-\u0f6c]/] } as const;

describe('region names in the workers’ languages', () => {
  it('covers the four pilot areas and every parent up to the province', () => {
    for (const code of ['150521', '150523', '1522', '650402', '540329']) {
      for (let n = 2; n <= code.length; n += 2) expect({ code: code.slice(0, n), known: code.slice(0, n) in regionNamesCovered }).toEqual({ code: code.slice(0, n), known: true });
    }
  });

  it.each(Object.entries(languages))('%s: every covered region has a name in its own script and no Chinese', (_code, [names, script]) => {
    expect(Object.keys(names).sort()).toEqual(Object.keys(regionNamesCovered).sort());
    for (const [code, name] of Object.entries(names)) {
      expect({ code, script: script.test(name), han: /[\u4e00-\u9fff]/.test(name) }).toEqual({ code, script: true, han: false });
    }
  });

  it('when a full name has a level without a translation (a township), then there is none and the Chinese name is shown', () => {
    expect(regionFullNameFrom(ugRegionNames, '150521')).toBe('ئىچكى موڭغۇل ئاپتونوم رايونى تۇڭلياۋ شەھىرى خورچىن سول قانات ئوتتۇرا خوشۇنى');
    expect(regionFullNameFrom(ugRegionNames, '150521100')).toBeNull();
    expect(regionNameFrom(ugRegionNames, '150521100')).toBeNull();
    expect(regionNameFrom(undefined, '15')).toBeNull();
  });

  it('a full Chinese name in a language, level by level: the translated levels first, townships and villages kept in Chinese', () => {
    const ug = ugRegionNames;
    expect(regionPathNameFrom(ug, '150521100201', '内蒙古自治区通辽市科尔沁左翼中旗保康镇保南村')).toBe(`${ug['15']} ${ug['1505']} ${ug['150521']} 保康镇保南村`);
    // A county without a translation: its parents translated, its own name in Chinese.
    expect(regionPathNameFrom(ug, '150502', '内蒙古自治区通辽市科尔沁区')).toBe(`${ug['15']} ${ug['1505']} 科尔沁区`);
    // A name that leaves out its upper levels.
    expect(regionPathNameFrom(ug, '150521', '科尔沁左翼中旗')).toBe(ug['150521']);
    // Nothing translated, or no names for the language: as given.
    expect(regionPathNameFrom(ug, '110101', '北京市东城区')).toBe('北京市东城区');
    expect(regionPathNameFrom(undefined, '150521', '科尔沁左翼中旗')).toBe('科尔沁左翼中旗');
  });
});
