/**
 * What each app change sends to the PES (the `data` of a push; README.md lists the fields).
 * Services call these inside withPesEvents(); personal numbers stay sealed until delivery.
 */
import type { WorkerRecord } from '../../modules/workers/worker.model';
import type { ComplaintRecord } from '../../modules/complaints/complaint.model';
import type { PesChange } from './outbox';

export { withPesEvents } from './outbox';

/** A registration created (`registration`) or changed (`registration_update`). */
export function registrationChange(type: 'registration' | 'registration_update', w: WorkerRecord): PesChange {
  return {
    type,
    ref: `worker:${w._id.toHexString()}`,
    occurredAt: w.updatedAt,
    regionCode: w.household.regionCode,
    sealed: [
      { path: 'idNumber', field: 'idNumber', value: w.idEnc },
      { path: 'phone', field: 'phone', value: w.phoneEnc },
    ],
    data: {
      workerId: w._id.toHexString(),
      name: w.name,
      sex: w.sex,
      birthDate: w.birthDate,
      ethnicity: w.ethnicity,
      education: w.education,
      householdRegionCode: w.household.regionCode,
      householdGroup: w.household.group,
      keyGroups: w.keyGroups,
      mobility: w.mobility,
      skills: w.skills.map((s) => ({ trade: s.trade ?? '', level: s.level ?? 'none' })),
      certificates: w.certificates.map((c) => ({ name: c.name ?? '', number: c.number ?? null, issuedOn: c.issuedOn ?? null })),
      jobIntention: w.jobIntention,
      trainingIntention: w.trainingIntention,
      employment: w.employment,
      entrepreneurship: w.entrepreneurship ?? null,
      source: w.source,
      claimed: w.ownerLoginId !== undefined && w.ownerLoginId !== null,
    },
  };
}

/** A complaint filed (`complaint`). */
export function complaintChange(c: ComplaintRecord): PesChange {
  return {
    type: 'complaint',
    ref: `complaint:${c._id.toHexString()}`,
    occurredAt: c.receivedAt,
    regionCode: c.intakeRegionCode ?? null,
    sealed: [
      ...(c.bankCard ? [{ path: 'bankCardNumber', field: 'bankCard' as const, value: c.bankCard.numberEnc }] : []),
      ...(c.respondent?.phoneEnc ? [{ path: 'respondentPhone', field: 'phone' as const, value: c.respondent.phoneEnc }] : []),
    ],
    data: {
      complaintId: c._id.toHexString(),
      caseNumber: c.caseNumber,
      workerId: c.workerId ?? null,
      status: c.status,
      caseType: c.caseType,
      respondent: c.respondent ? { kind: c.respondent.kind, name: c.respondent.name } : null,
      project: c.project ?? null,
      mainContractor: c.mainContractor ?? null,
      workFrom: c.workFrom ?? null,
      workTo: c.workTo ?? null,
      amountOwedFen: c.amountOwedFen ?? null,
      coWorkersOwed: c.coWorkersOwed,
      demands: c.demands,
      demandNote: c.demandNote ?? null,
      bankName: c.bankCard?.bankName ?? null,
      bankCardHolder: c.bankCard?.holderName ?? null,
      intakeRegionCode: c.intakeRegionCode ?? null,
      ageAtFiling: c.ageAtFiling ?? null,
      receivedAt: c.receivedAt.toISOString(),
    },
  };
}

/** The latest timeline entry of a case (`case_event`): accepted, mediating, closed, extended … */
export function caseEventChange(c: ComplaintRecord): PesChange[] {
  const last = c.timeline[c.timeline.length - 1];
  if (!last) return [];
  return [
    {
      type: 'case_event',
      ref: `complaint:${c._id.toHexString()}`,
      occurredAt: last.at,
      regionCode: c.intakeRegionCode ?? null,
      data: {
        complaintId: c._id.toHexString(),
        caseNumber: c.caseNumber,
        status: last.status,
        at: last.at.toISOString(),
        note: last.note ?? null,
        outcome: c.outcome ?? null,
        awardExtensionDays: c.awardExtensionDays ?? 0,
      },
    },
  ];
}
