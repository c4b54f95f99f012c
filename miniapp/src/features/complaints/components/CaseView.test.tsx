import { render } from '@testing-library/react';
import { loadLocale, setLocale } from '@/i18n';
import type { Complaint } from '@zhuanyi/shared';
import { buildComplaint } from '../../../../test/factories';
import { CaseView } from './CaseView';

const at = (h: number) => new Date(Date.UTC(2026, 10, 20, h)).toISOString();

function complaint(timeline: Complaint['timeline']): Complaint {
  return buildComplaint({
    caseNumber: '150521-20261120-0001',
    status: 'accepted',
    respondent: { kind: 'employer', name: '某建筑公司', phoneMasked: null },
    amountOwedFen: 1_200_000,
    timeline,
    createdAt: at(1),
    updatedAt: at(3),
  });
}

describe('case timeline', () => {
  it('when a status has several entries (accepted, then extended), then "已受理" is shown once with each entry under it', () => {
    const { container } = render(
      <CaseView
        complaint={complaint([
          { status: 'submitted', at: at(1), note: null },
          { status: 'accepted', at: at(2), note: null },
          { status: 'accepted', at: at(3), note: '延长15天' },
        ])}
      />,
    );
    const titles = Array.from(container.querySelectorAll('.case__step-title')).map((e) => e.textContent);
    expect(titles.filter((x) => x === '已受理')).toHaveLength(1);
    expect(container.textContent).toContain('延长15天');
  });

  describe('notes the server sends as codes', () => {
    // The three catalogs load on demand (their own chunks): loaded once here as the app would.
    beforeAll(() => Promise.all([loadLocale('ug'), loadLocale('bo'), loadLocale('mn-Mong')]));
    afterEach(() => setLocale('zh-CN'));
    const entries: Complaint['timeline'] = [
      { status: 'submitted', at: at(1), note: '旧版本写的说明' },
      {
        status: 'submitted',
        at: at(2),
        note: '补充了材料：收款银行卡（尾号 0123）',
        notes: [{ code: 'complaint.step.supplementedDetail', params: { item: { key: 'complaint.missing.bankCard' }, detail: { key: 'complaint.cardLast4', params: { last4: '0123' } } } }],
      },
      {
        status: 'accepted',
        at: at(3),
        note: '已立案受理（容缺受理），请补充：收款银行卡；工程项目名称',
        notes: [{ code: 'complaint.step.acceptedMissing', params: { items: { list: [{ key: 'complaint.missing.bankCard' }, { key: 'complaint.missing.projectName' }] } } }],
      },
    ];
    const noteTexts = (container: HTMLElement) => Array.from(container.querySelectorAll('.case__step-body .zy-text')).map((e) => e.textContent ?? '');

    it('when the reader uses Chinese, then the codes read as the server’s Chinese text and an old entry as its stored text', () => {
      const { container } = render(<CaseView complaint={complaint(entries)} />);
      expect(noteTexts(container)).toEqual(['旧版本写的说明', '补充了材料：收款银行卡（尾号 0123）', '已立案受理（容缺受理），请补充：收款银行卡；工程项目名称']);
    });

    it.each([
      ['ug', /[\u0626-\u06d5]/],
      ['bo', /[\u0f40-\u0f6c]/],
      ['mn-Mong', /[\u1820-\u1878]/],
    ] as const)('when the reader uses %s, then coded notes are in that script with no Chinese; the old entry keeps its text', (locale, script) => {
      setLocale(locale);
      const { container } = render(<CaseView complaint={complaint(entries)} />);
      const [old, card, accepted] = noteTexts(container);
      expect(old).toBe('旧版本写的说明');
      for (const text of [card, accepted]) {
        expect(text).toMatch(script);
        expect(text).not.toMatch(/[\u4e00-\u9fff]/);
      }
      expect(card).toContain('0123');
    });
  });
});
