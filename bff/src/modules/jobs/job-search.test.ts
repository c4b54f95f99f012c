import { keywordQuery, normalizeSearchText, searchGramsOf } from './job-search';

describe('job search grams', () => {
  it('when a title is 招聘熟练电焊工, then its grams hold every bigram of 电焊 and the single characters', () => {
    const grams = searchGramsOf({ short: ['招聘熟练电焊工'], long: [] });
    expect(grams).toEqual(expect.arrayContaining(['电焊', '焊工', '熟练', '电', '焊']));
    expect(keywordQuery('电焊')?.grams.every((g) => grams.includes(g))).toBe(true);
  });

  it('when text is full-width or mixed case, then it is normalized', () => {
    expect(normalizeSearchText('ＣＮＣ 操作 工')).toBe('cnc操作工');
    expect(keywordQuery(' CNC  焊 ')).toEqual({ grams: ['cn', 'nc', '焊'], terms: ['cnc', '焊'] });
  });

  it('when grams come from two fields, then no bigram spans the boundary', () => {
    const grams = searchGramsOf({ short: ['电工', '焊接'], long: [] });
    expect(grams).not.toContain('工焊');
  });

  it('when the query is blank, then there is no keyword query', () => {
    expect(keywordQuery('   ')).toBeNull();
  });
});
