/**
 * Subsidy rules (data per region) and the ledger:
 * - `syncTeam(teamId)` turns a team's confirmed stages into entitlements, one per person, rule and
 *   installment (a transport rule: one, from the distance band and mode of the confirmed arrival);
 *   unique keys in the ledger make a repeat or a concurrent run a no-op;
 * - `syncTraining` records the training allowance of a completed course (once per sign-up);
 * - a person confirmed as left voids the installments not yet due;
 * - the broker claims a due entitlement (one conditional update: claimed once, whatever the
 *   number of simultaneous requests); staff approve, reject (with a reason) or mark paid, audited;
 * - staff export a period's approved entitlements as xlsx for the finance office.
 */
import ExcelJS from 'exceljs';
import { Types } from 'mongoose';
import {
  chinaDateOf,
  chinaDateStart,
  earnedInstallments,
  entitlementKeys,
  tierFor,
  trainingAllowance,
  transportGrant,
  maskIdNumber,
  fenToYuanText,
  isWithinRegion,
  t,
  type Entitlement,
  type EntitlementDecision,
  type EntitlementList,
  type EntitlementState,
  type GrantBasis,
  type PlacementFacts,
  type PlacementRuleFields,
  type EntitlementStage,
  type TrainingAllowanceRuleFields,
  type TransportRuleFields,
  type TravelFacts,
  type TravelMode,
  type SubsidyRule,
  type SubsidyRuleFields,
} from '@zhuanyi/shared';
import type { AuthContext } from '../../http/auth';
import { AppError, NotFoundError, ValidationError } from '../../http/errors';
import { isDuplicateKeyError } from '../../http/error-handler';
import type { Clock } from '../../security/clock';
import { decodeKeyset, encodeKeyset, afterDesc } from '../../db/cursor';
import { AuditService } from '../audit/audit.service';
import { Account } from '../accounts/account.model';
import { regionFullName } from '../regions/regions.service';
import { Worker, type WorkerRecord } from '../workers/worker.model';
import { isVerified } from '../workers/verified-facts';
import { TeamModel, type TeamRecord } from '../brokers/broker.model';
import { assertCertifiedBroker } from '../brokers/broker-gate';
import { DEFAULT_SUBSIDY_RULES } from './default-rules';
import { EntitlementModel, SubsidyRuleModel, ruleKindOf, type EntitlementRecord, type SubsidyRuleRecord } from './subsidy.model';
import type { FieldCrypto } from '../../security/field-crypto';
import type { CourseRecord } from '../courses/course.model';
import type { EnrollmentRecord } from '../training/enrollment.model';

const conflict = (messageKey: 'error.entitlementNotDue' | 'error.entitlementNotClaimable' | 'error.entitlementNotDecidable') =>
  new AppError('CONFLICT', { messageKey });

/** Inserts the seed regions' default rules that are not there yet (never overwrites). */
export async function ensureDefaultSubsidyRules(): Promise<number> {
  const r = await SubsidyRuleModel.bulkWrite(
    DEFAULT_SUBSIDY_RULES.map((rule) => ({ updateOne: { filter: { key: rule.key }, update: { $setOnInsert: rule }, upsert: true } })),
    { ordered: false },
  );
  return r.upsertedCount;
}

function ruleToApi(r: SubsidyRuleRecord): SubsidyRule {
  const common = {
    key: r.key,
    regionCode: r.regionCode,
    regionName: regionFullName(r.regionCode) ?? r.regionCode,
    name: r.name,
    validFrom: r.validFrom,
    validTo: r.validTo ?? null,
    limits: {
      oncePerPerson: r.limits.oncePerPerson ?? false,
      oncePerPersonPerYear: r.limits.oncePerPersonPerYear ?? false,
      oncePerPersonPerEmployer: r.limits.oncePerPersonPerEmployer ?? false,
    },
    active: r.active,
    source: r.source ?? '',
    updatedAt: r.updatedAt.toISOString(),
  };
  if (r.kind === 'transport') {
    return {
      ...common,
      kind: 'transport',
      beneficiary: 'worker',
      keyGroups: [...(r.keyGroups ?? [])],
      bands: (r.bands ?? []).map((b) => ({ fromKm: b.fromKm, toKm: b.toKm ?? null, amountFen: withoutUnset(b.amountFen) })),
      requires: { organizedTransport: r.requires.organizedTransport ?? false },
    };
  }
  if (r.kind === 'training_allowance') {
    const a = r.allowance;
    return {
      ...common,
      kind: 'training_allowance',
      beneficiary: 'worker',
      keyGroups: [...(r.keyGroups ?? [])],
      allowance: { per: a.per, amountFen: a.amountFen, minClassHours: a.minClassHours ?? 0, maxDays: a.maxDays ?? null },
    };
  }
  return {
    ...common,
    kind: 'placement',
    beneficiary: r.beneficiary,
    tiers: r.tiers.map((tier) => ({
      keyGroups: [...tier.keyGroups],
      amountFen: tier.amountFen,
      installments: tier.installments.map((i) => ({ shareBp: i.shareBp, stage: i.stage, delayMonths: i.delayMonths })),
    })),
    exclusions: { laborDispatch: r.exclusions.laborDispatch ?? false },
    requires: { organizedTransport: r.requires.organizedTransport ?? false, outsideHomeCounty: r.requires.outsideHomeCounty ?? false },
  };
}

/** A band's amounts without the modes mongoose read back as null/undefined. */
function withoutUnset(amounts: Partial<Record<TravelMode, number | null>>): Partial<Record<TravelMode, number>> {
  return Object.fromEntries(Object.entries(amounts).filter((e): e is [string, number] => typeof e[1] === 'number')) as Partial<Record<TravelMode, number>>;
}

/** Rules stored before rules had a kind are placement rules. */
const isPlacementRule = (r: SubsidyRuleRecord): r is SubsidyRuleRecord & PlacementRuleFields => ruleKindOf(r) === 'placement';
const isTransportRule = (r: SubsidyRuleRecord): r is SubsidyRuleRecord & TransportRuleFields => r.kind === 'transport';
const isTrainingRule = (r: SubsidyRuleRecord): r is SubsidyRuleRecord & TrainingAllowanceRuleFields => r.kind === 'training_allowance';

/** The confirmed facts of one member's placement in a team. */
export function placementFacts(team: TeamRecord, worker: Pick<WorkerRecord, '_id' | 'keyGroups' | 'household'>): PlacementFacts {
  const stages: PlacementFacts['stages'] = {};
  let laborDispatch = false;
  let organizedTransport = false;
  let travel: PlacementFacts['travel'] = null;
  let travelOn: string | null = null;
  for (const s of team.stages) {
    if (!s.confirmedAt || !s.memberIds.some((m) => m.equals(worker._id))) continue;
    const current = stages[s.stage];
    if (current === undefined || s.on < current) stages[s.stage] = s.on;
    // The travel facts of the earliest confirmed arrival that has them.
    if (s.stage === 'arrived' && s.travel && (travelOn === null || s.on < travelOn)) {
      travel = { distanceKm: s.travel.distanceKm, mode: s.travel.mode };
      travelOn = s.on;
    }
    if (s.stage === 'hired' && s.laborDispatch) laborDispatch = true;
    if (s.stage === 'departed' && s.transport !== null && s.transport !== 'self_arranged') organizedTransport = true;
  }
  return {
    keyGroups: worker.keyGroups,
    householdCountyCode: worker.household.countyCode,
    workRegionCode: team.jobRegionCode,
    laborDispatch,
    organizedTransport,
    travel,
    stages,
  };
}

/** The ledger fields of a grant the worker earned on their own (no broker or team behind it). */
function ownGrantParty(w: Pick<WorkerRecord, '_id' | 'name' | 'idEnc'>, crypto: FieldCrypto) {
  return { brokerId: '', workerId: w._id, workerName: w.name, idNumberMasked: maskIdNumber(crypto.decrypt('idNumber', w.idEnc)), teamId: null, teamName: '' };
}

export class SubsidyService {
  private readonly audit: AuditService;

  constructor(private readonly deps: { clock: Clock }) {
    this.audit = new AuditService(deps.clock);
  }

  // ---- Rules ----

  async listRules(regionCode?: string): Promise<SubsidyRule[]> {
    const all = await SubsidyRuleModel.find({}).sort({ regionCode: 1, key: 1 }).lean<SubsidyRuleRecord[]>().exec();
    const picked = regionCode ? all.filter((r) => isWithinRegion(regionCode, r.regionCode) || isWithinRegion(r.regionCode, regionCode)) : all;
    return picked.map(ruleToApi);
  }

  /** Creates or replaces a rule; staff only within their region. Audited. */
  async saveRule(auth: AuthContext, key: string, input: SubsidyRuleFields): Promise<SubsidyRule> {
    const inScope = (code: string) => auth.role === 'admin' || auth.regionScope === null || isWithinRegion(code, auth.regionScope);
    if (!findRegionName(input.regionCode)) throw new ValidationError({ regionCode: 'validation.regionCode.notFound' });
    const existing = await SubsidyRuleModel.findOne({ key }).lean<SubsidyRuleRecord>().exec();
    if ((existing && !inScope(existing.regionCode)) || !inScope(input.regionCode)) {
      throw new AppError('FORBIDDEN', { messageKey: 'error.subsidyRuleOutOfScope' });
    }
    const saved = await SubsidyRuleModel.findOneAndUpdate({ key }, { $set: { ...input, key } }, { upsert: true, returnDocument: 'after', runValidators: true })
      .lean<SubsidyRuleRecord>()
      .exec();
    if (!saved) throw new NotFoundError('error.subsidyRuleNotFound');
    await this.audit.record(auth, {
      action: existing ? 'update' : 'create',
      targetType: 'subsidy_rule',
      targetId: key,
      regionCode: input.regionCode,
      reason: null,
      detail: JSON.stringify({ kind: input.kind, amounts: amountsOf(input), active: input.active }),
    });
    return ruleToApi(saved);
  }

  // ---- Ledger ----

  /** Records what a team's confirmed stages have earned; safe to run any number of times at once. */
  async syncTeam(teamId: Types.ObjectId): Promise<number> {
    const team = await TeamModel.findById(teamId).lean<TeamRecord>().exec();
    if (!team) return 0;
    const workers = await Worker.find({ _id: { $in: team.members.map((m) => m.workerId) } }, { keyGroups: 1, household: 1, name: 1 })
      .lean<Array<Pick<WorkerRecord, '_id' | 'keyGroups' | 'household' | 'name'>>>()
      .exec();
    const rules = await SubsidyRuleModel.find({ active: true }).lean<SubsidyRuleRecord[]>().exec();
    const docs: LedgerRow[] = [];
    for (const w of workers) {
      const member = team.members.find((m) => m.workerId.equals(w._id));
      if (!member) continue;
      const facts = placementFacts(team, w);
      const ids = { personId: w._id.toHexString(), employerId: team.employerId.toHexString(), placementId: team._id.toHexString() };
      const placement = {
        brokerId: team.brokerId,
        workerId: w._id,
        workerName: w.name,
        idNumberMasked: member.idNumberMasked,
        teamId: team._id,
        teamName: team.name,
        employerId: team.employerId,
        employerName: team.employerName,
        regionCode: team.regionCode,
      };
      for (const rule of rules) {
        if (!isWithinRegion(w.household.regionCode, rule.regionCode)) continue;
        if (isTransportRule(rule)) {
          const grant = transportGrant(rule, facts);
          if (!grant) continue;
          const earned = { installment: 1, installments: 1, amountFen: grant.amountFen, stage: 'arrived' as const, dueOn: grant.arrivedOn, year: Number(grant.arrivedOn.slice(0, 4)) };
          const basis: GrantBasis = { kind: 'transport', distanceKm: grant.travel.distanceKm, mode: grant.travel.mode, fromKm: grant.band.fromKm, toKm: grant.band.toKm };
          docs.push(ledgerRow(rule, earned, entitlementKeys(rule, earned, ids), { ...placement, keyGroupTier: rule.keyGroups.length > 0, basis }));
          continue;
        }
        if (!isPlacementRule(rule)) continue;
        const keyGroupTier = (tierFor(rule.tiers, facts.keyGroups)?.keyGroups.length ?? 0) > 0;
        for (const earned of earnedInstallments(rule, facts)) {
          docs.push(ledgerRow(rule, earned, entitlementKeys(rule, earned, ids), { ...placement, keyGroupTier, basis: null }));
        }
      }
      const left = facts.stages.left;
      if (left !== undefined) {
        await EntitlementModel.updateMany(
          { teamId: team._id, workerId: w._id, status: 'open', dueOn: { $gt: left } },
          { $set: { status: 'void', reason: t('teamStage.left') }, $unset: { lifetimeKey: 1, yearKey: 1, employerKey: 1 } },
        ).exec();
      }
    }
    return insertNew(docs);
  }

  /**
   * Records the transport grant of an arrival staff confirmed for one person (not through a
   * team): active transport rules of the person's region, from the trip's distance band and mode.
   * Once per person and arrival date (and per the rule's limits), however often it runs.
   */
  async syncArrival(
    workerId: Types.ObjectId,
    arrival: { on: string; travel?: TravelFacts | undefined; organizedByGovernment?: boolean | undefined; employerName?: string | undefined },
    crypto: FieldCrypto,
  ): Promise<number> {
    if (!arrival.travel) return 0;
    const w = await Worker.findById(workerId, { keyGroups: 1, household: 1, name: 1, idEnc: 1 })
      .lean<Pick<WorkerRecord, '_id' | 'keyGroups' | 'household' | 'name' | 'idEnc'>>()
      .exec();
    if (!w) return 0;
    const facts = { keyGroups: w.keyGroups, organizedTransport: arrival.organizedByGovernment ?? false, stages: { arrived: arrival.on }, travel: arrival.travel };
    const rules = (await SubsidyRuleModel.find({ active: true, kind: 'transport' }).lean<SubsidyRuleRecord[]>().exec()).filter(isTransportRule);
    const docs: LedgerRow[] = [];
    for (const rule of rules) {
      if (!isWithinRegion(w.household.regionCode, rule.regionCode)) continue;
      const grant = transportGrant(rule, facts);
      if (!grant) continue;
      const earned = { installment: 1, installments: 1, amountFen: grant.amountFen, stage: 'arrived' as const, dueOn: grant.arrivedOn, year: Number(grant.arrivedOn.slice(0, 4)) };
      const keys = entitlementKeys(rule, earned, { personId: w._id.toHexString(), employerId: '-', placementId: `arrival:${arrival.on}` });
      docs.push(
        ledgerRow(rule, earned, keys, {
          ...ownGrantParty(w, crypto),
          employerId: null,
          employerName: arrival.employerName ?? '',
          regionCode: w.household.regionCode,
          keyGroupTier: rule.keyGroups.length > 0,
          basis: { kind: 'transport', distanceKm: grant.travel.distanceKm, mode: grant.travel.mode, fromKm: grant.band.fromKm, toKm: grant.band.toKm },
        }),
      );
    }
    return insertNew(docs);
  }

  /**
   * Records the training allowance a completed course has earned under the active rules of the
   * worker's region (培训期间生活费补贴); once per sign-up and rule, however often it runs.
   */
  async syncTraining(enrollment: Pick<EnrollmentRecord, '_id' | 'workerId' | 'workerLoginId' | 'status' | 'history'>, course: CourseRecord, crypto: FieldCrypto): Promise<number> {
    if (enrollment.status !== 'completed') return 0;
    const w = await Worker.findOne(
      enrollment.workerId && Types.ObjectId.isValid(enrollment.workerId) ? { _id: new Types.ObjectId(enrollment.workerId) } : { ownerLoginId: new Types.ObjectId(enrollment.workerLoginId) },
      { keyGroups: 1, household: 1, name: 1, idEnc: 1 },
    )
      .lean<Pick<WorkerRecord, '_id' | 'keyGroups' | 'household' | 'name' | 'idEnc'>>()
      .exec();
    if (!w) return 0;
    const completedAt = [...enrollment.history].reverse().find((h) => h.status === 'completed')?.at ?? this.deps.clock();
    const completedOn = chinaDateOf(completedAt);
    const facts = { classHours: course.classHours, startsOn: chinaDateOf(course.startsAt), endsOn: chinaDateOf(course.endsAt), completedOn };
    const rules = (await SubsidyRuleModel.find({ active: true, kind: 'training_allowance' }).lean<SubsidyRuleRecord[]>().exec()).filter(isTrainingRule);
    const docs: LedgerRow[] = [];
    for (const rule of rules) {
      if (!isWithinRegion(w.household.regionCode, rule.regionCode)) continue;
      const grant = trainingAllowance(rule, w.keyGroups, facts);
      if (!grant) continue;
      const earned = { installment: 1, installments: 1, amountFen: grant.amountFen, stage: 'course_completed' as const, dueOn: completedOn, year: Number(completedOn.slice(0, 4)) };
      const keys = entitlementKeys(rule, earned, { personId: w._id.toHexString(), employerId: '-', placementId: `enrollment:${enrollment._id.toHexString()}` });
      docs.push(
        ledgerRow(rule, earned, keys, {
          ...ownGrantParty(w, crypto),
          employerId: null,
          employerName: course.provider,
          regionCode: course.regionCode,
          enrollmentId: enrollment._id,
          keyGroupTier: rule.keyGroups.length > 0,
          basis: { kind: 'training', courseTitle: course.title, classHours: course.classHours, days: grant.days },
        }),
      );
    }
    return insertNew(docs);
  }

  private stateOf(e: Pick<EntitlementRecord, 'status' | 'dueAt'>, now: Date): EntitlementState {
    if (e.status === 'open') return e.dueAt.getTime() <= now.getTime() ? 'due' : 'waiting';
    return e.status;
  }

  toApi(e: EntitlementRecord, now: Date = this.deps.clock()): Entitlement {
    return {
      id: e._id.toHexString(),
      ruleKey: e.ruleKey,
      ruleName: e.ruleName,
      beneficiary: e.beneficiary,
      brokerId: e.brokerId,
      workerId: e.workerId.toHexString(),
      workerName: e.workerName,
      idNumberMasked: e.idNumberMasked,
      teamId: e.teamId ? e.teamId.toHexString() : '',
      teamName: e.teamName,
      employerName: e.employerName,
      installment: e.installment,
      installments: e.installments,
      amountFen: e.amountFen,
      stage: e.stage,
      dueOn: e.dueOn,
      status: e.status,
      state: this.stateOf(e, now),
      claimedAt: e.claimedAt ? e.claimedAt.toISOString() : null,
      decidedAt: e.decidedAt ? e.decidedAt.toISOString() : null,
      reason: e.reason ?? null,
      paidAt: e.paidAt ? e.paidAt.toISOString() : null,
      createdAt: e.createdAt.toISOString(),
    };
  }

  private stateFilter(state: EntitlementState | undefined, now: Date): Record<string, unknown> {
    if (state === undefined) return {};
    if (state === 'due') return { status: 'open', dueAt: { $lte: now } };
    if (state === 'waiting') return { status: 'open', dueAt: { $gt: now } };
    return { status: state };
  }

  async list(
    scope: { brokerId: string } | { regionScope: string | null },
    query: { state?: EntitlementState; cursor?: string; limit: number },
  ): Promise<EntitlementList> {
    const now = this.deps.clock();
    const base: Record<string, unknown> =
      'brokerId' in scope ? { brokerId: scope.brokerId, beneficiary: 'broker' } : scope.regionScope === null ? {} : { regionCode: { $regex: `^${scope.regionScope}` } };
    const after = query.cursor === undefined ? undefined : decodeKeyset(query.cursor);
    if (query.cursor !== undefined && after === undefined) throw new ValidationError({ cursor: 'validation.cursor' });
    const filter = { ...base, ...this.stateFilter(query.state, now), ...(after ? afterDesc('createdAt', after) : {}) };
    const rows = await EntitlementModel.find(filter).sort({ createdAt: -1, _id: -1 }).limit(query.limit + 1).lean<EntitlementRecord[]>().exec();
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    const totals: Record<EntitlementState, number> = { waiting: 0, due: 0, claimed: 0, approved: 0, rejected: 0, paid: 0, void: 0 };
    const all = await EntitlementModel.find(base, { status: 1, dueAt: 1, amountFen: 1 }).lean<Array<Pick<EntitlementRecord, 'status' | 'dueAt' | 'amountFen'>>>().exec();
    for (const e of all) totals[this.stateOf(e, now)] += e.amountFen;
    return {
      items: page.map((e) => this.toApi(e, now)),
      nextCursor: rows.length > query.limit && last ? encodeKeyset(last.createdAt, last._id) : null,
      totals,
    };
  }

  /** The broker claims a due entitlement of theirs; a second claim (even at the same moment) is refused. */
  async claim(auth: AuthContext, id: string): Promise<Entitlement> {
    await assertCertifiedBroker(auth);
    const now = this.deps.clock();
    const _id = new Types.ObjectId(id);
    const claimed = await EntitlementModel.findOneAndUpdate(
      { _id, brokerId: auth.subjectId, beneficiary: 'broker', status: 'open', dueAt: { $lte: now } },
      { $set: { status: 'claimed', claimedAt: now } },
      { returnDocument: 'after' },
    )
      .lean<EntitlementRecord>()
      .exec();
    if (claimed) return this.toApi(claimed, now);
    const found = await EntitlementModel.findOne({ _id, brokerId: auth.subjectId, beneficiary: 'broker' }).lean<EntitlementRecord>().exec();
    if (!found) throw new NotFoundError('error.entitlementNotFound');
    if (found.status === 'open') throw conflict('error.entitlementNotDue');
    throw conflict('error.entitlementNotClaimable');
  }

  /** Staff of the region approve or reject a claim, or mark an approved one paid. Audited. */
  async decide(auth: AuthContext, id: string, decision: EntitlementDecision): Promise<Entitlement> {
    const now = this.deps.clock();
    const _id = new Types.ObjectId(id);
    const found = await EntitlementModel.findById(_id).lean<EntitlementRecord>().exec();
    const inScope = (code: string) => auth.role === 'admin' || auth.regionScope === null || isWithinRegion(code, auth.regionScope);
    if (!found || !inScope(found.regionCode)) throw new NotFoundError('error.entitlementNotFound');
    if (decision.action !== 'reject' && found.keyGroupTier && !(await isVerified(found.workerId))) {
      throw new AppError('CONFLICT', { messageKey: 'error.grantNeedsVerified' });
    }
    // A worker's grant the data already proves (due, verified) is approved without a claim (免申即享).
    const readyToPay = decision.action === 'approve' && found.beneficiary === 'worker' && found.status === 'open' && found.dueAt.getTime() <= now.getTime();
    const from = decision.action === 'pay' ? 'approved' : readyToPay ? 'open' : 'claimed';
    const set: Record<string, unknown> =
      decision.action === 'approve'
        ? { status: 'approved', approvedAt: now, decidedAt: now, decidedBy: auth.subjectId, reason: decision.reason }
        : decision.action === 'reject'
          ? { status: 'rejected', decidedAt: now, decidedBy: auth.subjectId, reason: decision.reason }
          : { status: 'paid', paidAt: now };
    const updated = await EntitlementModel.findOneAndUpdate({ _id, status: from }, { $set: set }, { returnDocument: 'after' }).lean<EntitlementRecord>().exec();
    if (!updated) throw conflict('error.entitlementNotDecidable');
    await this.audit.record(auth, {
      action: 'decide',
      targetType: 'subsidy_entitlement',
      targetId: id,
      regionCode: found.regionCode,
      reason: decision.reason,
      detail: `${decision.action} ${found.ruleKey} #${found.installment} ${fenToYuanText(found.amountFen)}元`,
    });
    return this.toApi(updated, now);
  }

  /** The approved (and since paid) entitlements approved in a period, as an xlsx workbook. Audited. */
  async exportApproved(auth: AuthContext, period: { from: string; to: string }): Promise<{ filename: string; body: Buffer }> {
    const start = chinaDateStart(period.from);
    const end = new Date(chinaDateStart(period.to).getTime() + 24 * 3600_000);
    const filter: Record<string, unknown> = { status: { $in: ['approved', 'paid'] }, approvedAt: { $gte: start, $lt: end } };
    if (auth.role !== 'admin' && auth.regionScope !== null) filter.regionCode = { $regex: `^${auth.regionScope}` };
    const rows = await EntitlementModel.find(filter).sort({ approvedAt: 1, _id: 1 }).lean<EntitlementRecord[]>().exec();
    const brokers = await brokerNames(rows.map((r) => r.brokerId));
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet(t('export.sheet'));
    const cols = ['broker', 'person', 'idNumber', 'rule', 'beneficiary', 'installment', 'amountYuan', 'employer', 'team', 'approvedAt'] as const;
    sheet.addRow(cols.map((c) => t(`export.column.${c}`)));
    sheet.getRow(1).font = { bold: true };
    let total = 0;
    for (const r of rows) {
      total += r.amountFen;
      sheet.addRow([
        brokers.get(r.brokerId) ?? r.brokerId,
        r.workerName,
        r.idNumberMasked,
        r.ruleName,
        t(`subsidyBeneficiary.${r.beneficiary}`),
        `${r.installment}/${r.installments}`,
        Number(fenToYuanText(r.amountFen)),
        r.employerName,
        r.teamName,
        r.approvedAt ? chinaDateOf(r.approvedAt) : '',
      ]);
    }
    sheet.addRow([t('export.column.total'), '', '', '', '', '', Number(fenToYuanText(total))]);
    sheet.getColumn(7).numFmt = '0.00';
    cols.forEach((_c, i) => (sheet.getColumn(i + 1).width = i === 3 ? 36 : 16));
    await this.audit.record(auth, {
      action: 'export',
      targetType: 'subsidy_entitlement',
      targetId: null,
      regionCode: auth.regionScope,
      reason: null,
      detail: `${period.from}~${period.to} ${rows.length}笔 ${fenToYuanText(total)}元`,
    });
    return { filename: `subsidies-${period.from}-${period.to}.xlsx`, body: Buffer.from(await wb.xlsx.writeBuffer()) };
  }

  /** Totals by state for one broker (the home page). */
  async totalsFor(brokerId: string): Promise<Record<EntitlementState, number>> {
    return (await this.list({ brokerId }, { limit: 1 })).totals;
  }
}

type LedgerRow = Omit<EntitlementRecord, '_id' | 'createdAt' | 'updatedAt'>;
type LedgerParty = Pick<
  LedgerRow,
  'brokerId' | 'workerId' | 'workerName' | 'idNumberMasked' | 'teamId' | 'teamName' | 'employerId' | 'employerName' | 'regionCode' | 'keyGroupTier' | 'basis' | 'enrollmentId'
>;

/** One ledger row, open, with the unique keys the rule's limits call for. */
function ledgerRow(
  rule: Pick<SubsidyRuleRecord, 'key' | 'kind' | 'name' | 'beneficiary'>,
  earned: { installment: number; installments: number; amountFen: number; stage: EntitlementStage; dueOn: string },
  keys: ReturnType<typeof entitlementKeys>,
  party: LedgerParty,
): LedgerRow {
  return {
    ruleKey: rule.key,
    ruleKind: ruleKindOf(rule),
    ruleName: rule.name,
    beneficiary: rule.beneficiary,
    ...party,
    installment: earned.installment,
    installments: earned.installments,
    amountFen: earned.amountFen,
    stage: earned.stage,
    dueOn: earned.dueOn,
    dueAt: chinaDateStart(earned.dueOn),
    status: 'open',
    placementKey: keys.placementKey,
    ...(keys.lifetimeKey ? { lifetimeKey: keys.lifetimeKey } : {}),
    ...(keys.yearKey ? { yearKey: keys.yearKey } : {}),
    ...(keys.employerKey ? { employerKey: keys.employerKey } : {}),
    claimedAt: null,
    decidedAt: null,
    decidedBy: null,
    approvedAt: null,
    reason: null,
    paidAt: null,
  };
}

/** Inserts the rows not recorded yet; a unique key hit means recorded before, or the limit is used up. */
async function insertNew(docs: readonly LedgerRow[]): Promise<number> {
  let added = 0;
  for (const doc of docs) {
    try {
      await EntitlementModel.create(doc);
      added += 1;
    } catch (err: unknown) {
      if (!isDuplicateKeyError(err)) throw err;
    }
  }
  return added;
}

/** The amounts of a rule, for the audit trail. */
function amountsOf(rule: SubsidyRuleFields): unknown {
  if (rule.kind === 'transport') return rule.bands.map((b) => [b.fromKm, b.toKm, b.amountFen]);
  if (rule.kind === 'training_allowance') return [rule.allowance.per, rule.allowance.amountFen];
  return rule.tiers.map((x) => x.amountFen);
}

function findRegionName(code: string): string | null {
  return regionFullName(code);
}

async function brokerNames(ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)].filter((id) => Types.ObjectId.isValid(id));
  const accounts = await Account.find({ _id: { $in: unique } }, { displayName: 1 }).lean().exec();
  return new Map(accounts.map((a) => [a._id.toHexString(), a.displayName]));
}

