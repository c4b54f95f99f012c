import { boRegionNames, mnMongRegionNames, regionFullNameFrom, regionNameFrom, regionNamesCovered, ugRegionNames } from './region-names';

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
});
