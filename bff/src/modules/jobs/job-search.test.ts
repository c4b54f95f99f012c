import { keywordQuery, normalizeSearchText, searchGramsOf, searchTextOf } from './job-search';

describe('job search grams', () => {
  it('when a title is 招聘熟练电焊工, then its grams hold every bigram of 电焊 and the single characters', () => {
    const grams = searchGramsOf({ short: ['招聘熟练电焊工'], long: [] });
    expect(grams).toEqual(expect.arrayContaining(['电焊', '焊工', '熟练', '电', '焊']));
    expect(keywordQuery('电焊')?.grams.every((g) => grams.includes(g))).toBe(true);
  });

  it('when text is full-width or mixed case, then it is normalized', () => {
    expect(normalizeSearchText('ＣＮＣ 操作 工')).toBe('cnc操作工');
    // A latin term asks for its token (search-words/): the latin words of a posting and the pinyin initials of its trade.
    expect(keywordQuery(' CNC  焊 ')).toMatchObject({ grams: ['py:cnc', '焊'], terms: ['cnc', '焊'] });
  });

  it('when grams come from two fields, then no bigram spans the boundary', () => {
    const grams = searchGramsOf({ short: ['电工', '焊接'], long: [] });
    expect(grams).not.toContain('工焊');
  });

  it('when the query is blank, then there is no keyword query', () => {
    expect(keywordQuery('   ')).toBeNull();
  });

  describe('searchText decides a match', () => {
    const job = { short: ['招聘 熟练电焊工', '焊工', '上海浦江建设有限公司', '上海市浦东新区'], long: [`${'厂区'.repeat(70)}配电维护`] };
    const text = searchTextOf(job);
    const grams = new Set(searchGramsOf(job));
    const matches = (q: string) => keywordQuery(q)?.patterns.every((p) => p.test(text)) ?? false;

    it('when a term stands in a field (spaces and width aside), then it matches, and every one of its grams is indexed', () => {
      for (const q of ['电焊', '熟练电焊工', '熟练 电焊', '招聘熟练', '浦江', '上海 电焊', '厂区厂区']) {
        expect(matches(q)).toBe(true);
        expect(keywordQuery(q)?.grams.every((g) => grams.has(g))).toBe(true);
      }
    });

    it('when a term spans two fields, or lies beyond the indexed start of a long field, then it does not match', () => {
      expect(matches('电焊工焊工')).toBe(false);
      expect(matches('公司上海')).toBe(false);
      expect(matches('配电')).toBe(false);
    });

    it('when a term is one character, then only the short fields count (only they index single characters)', () => {
      expect(matches('焊')).toBe(true);
      expect(grams.has('焊')).toBe(true);
      expect(matches('厂')).toBe(false);
      expect(grams.has('厂')).toBe(false);
    });

    it('when the job or the query is full-width or upper case, then they still meet', () => {
      const cnc = searchTextOf({ short: ['ＣＮＣ操作工'], long: [] });
      expect(keywordQuery('cnc')?.patterns.every((p) => p.test(cnc))).toBe(true);
      expect(keywordQuery('ＣＮＣ')?.patterns.every((p) => p.test(cnc))).toBe(true);
    });

    it('when a query holds regular expression characters, then they are taken literally', () => {
      expect(matches('.*')).toBe(false);
      expect(searchTextOf({ short: ['c++开发(初级)'], long: [] })).toContain('c++开发(初级)');
      expect(keywordQuery('c++开发(初级)')?.patterns.every((p) => p.test(searchTextOf({ short: ['C++开发(初级)'], long: [] })))).toBe(true);
    });
  });
});
