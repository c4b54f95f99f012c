/** What one added item (补充材料) changes on a case, and how the timeline names it (no full numbers). */
import { fenToYuanText, maskMobilePhone, type ComplaintSupplement, type TimelineNote, type TimelineNoteParam } from '@zhuanyi/shared';
import { sealOptional } from '../../security/sealed-text';
import { regionFullName } from '../regions/regions.service';
import type { BankCardSealer } from './complaints.service';
import type { ComplaintRecord } from './complaint.model';
import { note as timelineNote } from './timeline-notes';

export interface SupplementChange {
  set: Record<string, unknown>;
  /** The timeline note: "补充了材料：收款银行卡（尾号 1234）" as a code with parameters. */
  note: TimelineNote;
}


export function supplementChange(crypto: BankCardSealer, r: Pick<ComplaintRecord, 'project'>, input: ComplaintSupplement): SupplementChange {
  const item = { key: `complaint.missing.${input.item}` };
  const detail = (d: TimelineNoteParam) => timelineNote('complaint.step.supplementedDetail', { item, detail: d });
  switch (input.item) {
    case 'respondentPhone':
      return { set: { 'respondent.phoneEnc': crypto.encrypt('phone', input.phone) }, note: detail(maskMobilePhone(input.phone)) };
    case 'projectName':
      return { set: { 'project.name': input.name }, note: detail(input.name) };
    case 'projectSite':
      // The case stays with the office it is at; staff transfer it if the site belongs elsewhere.
      return {
        set: { project: { name: r.project?.name ?? null, regionCode: input.regionCode, address: sealOptional(crypto, input.address) } },
        note: detail({ region: input.regionCode, name: regionFullName(input.regionCode) ?? input.regionCode }),
      };
    case 'mainContractor':
      return { set: { mainContractor: sealOptional(crypto, input.name) }, note: timelineNote('complaint.step.supplemented', { item }) };
    case 'workPeriod':
      return { set: { workFrom: input.from, workTo: input.to }, note: detail(`${input.from} ~ ${input.to}`) };
    case 'amountOwed':
      return { set: { amountOwedFen: input.amountOwedYuan }, note: detail({ key: 'complaint.yuanAmount', params: { amount: fenToYuanText(input.amountOwedYuan) } }) };
    case 'bankCard': {
      const card = input.bankCard;
      const last4 = card.cardNumber.slice(-4);
      return {
        set: { bankCard: { numberEnc: crypto.encrypt('bankCard', card.cardNumber), last4, bankName: card.bankName ?? null, holderName: card.holderName ?? null } },
        note: detail({ key: 'complaint.cardLast4', params: { last4 } }),
      };
    }
  }
}
