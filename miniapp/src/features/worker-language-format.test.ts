import { boRegionNames, boShared, mnMongRegionNames, mnMongShared, ugRegionNames, ugShared, type LocaleCode, type OfficeRef } from '@zhuanyi/shared';
import { tradeLabel } from '@/common/trades';
import { itemSeparator, labelled, loadLocale } from '@/i18n';
import { caseOfficeText, complaintWarningText, officeName, timelineNoteText } from './complaints/format';
import { jobAddressText } from './jobs/format';
import { householdAddressText } from './workers/format';

/** The office, address and trade of a pilot-county worker in each language: composed on the client from codes. */
type Lang = Exclude<LocaleCode, 'zh-CN'>;
const langs: Lang[] = ['mn-Mong', 'ug', 'bo'];
const shared = { 'mn-Mong': mnMongShared, ug: ugShared, bo: boShared };
const regions = { 'mn-Mong': mnMongRegionNames, ug: ugRegionNames, bo: boRegionNames };
/** Uyghur wraps values in direction isolates; compare without them. */
const plain = (text: string | null) => (text ?? '').replace(/[\u2066-\u2069]/g, '');

const kzzq: OfficeRef = { kind: 'labor_dispute', regionCode: '150521', regionName: '科尔沁左翼中旗' };
/** A county with no translated name (科尔沁区). */
const kerqin: OfficeRef = { kind: 'labor_dispute', regionCode: '150502', regionName: '科尔沁区' };

beforeAll(() => Promise.all(langs.map((l) => loadLocale(l))));

describe('the handling office', () => {
  it('in Chinese: the county and 劳动保障监察/仲裁院', () => {
    expect(officeName(kzzq, 'zh-CN')).toBe('科尔沁左翼中旗 劳动保障监察/仲裁院');
  });

  it.each(langs)('%s: the office kind from the catalog with the county named in the language', (lang) => {
    const expected = shared[lang]['complaint.officeKind.labor_dispute']!.replace('{region}', regions[lang]['150521']!);
    expect(plain(officeName(kzzq, lang))).toBe(expected);
    expect(officeName(kzzq, lang)).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it.each(langs)('%s: a county without a translation keeps its Chinese name, the rest in the language', (lang) => {
    expect(plain(officeName(kerqin, lang))).toBe(shared[lang]['complaint.officeKind.labor_dispute']!.replace('{region}', '科尔沁区'));
  });

  it('an older server that sends no officeRef: its Chinese text', () => {
    expect(caseOfficeText({ office: '科尔沁左翼中旗 劳动保障监察/仲裁院', officeRef: null }, 'ug')).toBe('科尔沁左翼中旗 劳动保障监察/仲裁院');
    expect(plain(caseOfficeText({ office: '科尔沁左翼中旗 劳动保障监察/仲裁院', officeRef: kzzq }, 'ug'))).toBe(plain(officeName(kzzq, 'ug')));
  });

  it.each(langs)('%s: a timeline note naming the office shows it in the language', (lang) => {
    const text = timelineNoteText(
      { note: '已送到 科尔沁左翼中旗 劳动保障监察/仲裁院（按干活的地方确定管辖）', notes: [{ code: 'complaint.step.routed', params: { office: { office: 'labor_dispute', region: '150521', name: '科尔沁左翼中旗' } } }] },
      lang,
    );
    expect(plain(text)).toContain(regions[lang]['150521']!);
    expect(text).not.toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('addresses', () => {
  const household = { regionCode: '150521100201', regionName: '内蒙古自治区通辽市科尔沁左翼中旗保康镇保南村', group: '三组' };

  it('in Chinese: as stored, with the group', () => {
    expect(householdAddressText(household, 'zh-CN')).toBe('内蒙古自治区通辽市科尔沁左翼中旗保康镇保南村 三组');
  });

  it.each(langs)('%s: the household address has its region path in the language, township and village (no translation) in Chinese, the group as typed', (lang) => {
    const r = regions[lang];
    expect(householdAddressText(household, lang)).toBe(`${r['15']} ${r['1505']} ${r['150521']} 保康镇保南村 三组`);
  });

  it.each(langs)('%s: a region outside the pilot areas stays in Chinese', (lang) => {
    expect(householdAddressText({ regionCode: '110101001001', regionName: '北京市东城区东华门街道多福巷社区', group: '' }, lang)).toBe('北京市东城区东华门街道多福巷社区');
  });

  it.each(langs)('%s: the work address translates what it can of the region path, keeps the rest and the street as typed', (lang) => {
    const r = regions[lang];
    expect(jobAddressText({ regionCode: '150502', regionName: '科尔沁区', workAddress: '内蒙古自治区通辽市科尔沁区' }, lang)).toBe(`${r['15']} ${r['1505']} 科尔沁区`);
    expect(jobAddressText({ regionCode: '150521', regionName: '科尔沁左翼中旗', workAddress: '科尔沁左翼中旗保康镇建设路8号' }, lang)).toBe(`${r['150521']} 保康镇建设路8号`);
    expect(jobAddressText({ regionCode: '150521', regionName: '科尔沁左翼中旗', workAddress: '建设路8号' }, lang)).toBe(`${r['150521']} 建设路8号`);
  });
});

describe('trades', () => {
  it('in Chinese: the name', () => {
    expect(tradeLabel('电焊工', 'zh-CN')).toBe('电焊工');
  });

  it.each(langs)('%s: a known trade from the catalog; any other name as typed', (lang) => {
    expect(tradeLabel('电焊工', lang)).toBe(shared[lang]['trade.welder']);
    expect(tradeLabel('钢筋工', lang)).toBe(shared[lang]['trade.rebar']);
    expect(tradeLabel('无人机飞手', lang)).toBe('无人机飞手');
  });
});

describe('complaint warnings', () => {
  it.each(langs)('%s: from their code, not the server’s Chinese', (lang) => {
    expect(complaintWarningText('older_worker', lang)).toBe(shared[lang]['complaint.warning.olderWorker']);
    expect(complaintWarningText('group_case', lang)).toBe(shared[lang]['complaint.warning.groupCase']);
  });
});

describe('labels and lists', () => {
  it('Chinese keeps its full-width colon and 、; the other languages use their own', () => {
    expect(labelled('被投诉方', '王老板', 'zh-CN')).toBe('被投诉方：王老板');
    expect(labelled(ugShared['complaint.status.submitted']!, '王老板', 'ug')).toBe(`${ugShared['complaint.status.submitted']!}: 王老板`);
    expect(['a', 'b'].join(itemSeparator('zh-CN'))).toBe('a、b');
    for (const lang of langs) expect(itemSeparator(lang)).not.toMatch(/[、：]/);
  });
});
