/**
 * Teams (务工联队): a broker forms a team for a job from people they enrolled, submits the team's
 * application, then records each stage (录用, 出发 with the transport, 到岗, 企业缴纳社保, 稳定就业,
 * 离职). Staff of the region confirm the stages that earn money; a confirmation updates the
 * subsidy ledger. A broker sees only their own teams (others → 404).
 */
import { Types } from 'mongoose';
import { chinaDateOf, isWithinRegion, maskIdNumber, type StageData, type Team } from '@zhuanyi/shared';
import type { AuthContext } from '../../http/auth';
import { AppError, NotFoundError, ValidationError } from '../../http/errors';
import type { Clock } from '../../security/clock';
import { Account } from '../accounts/account.model';
import { AuditService } from '../audit/audit.service';
import { Job } from '../jobs/job.model';
import type { OutcomeService } from '../outcomes/outcomes.service';
import type { SubsidyService } from '../subsidies/subsidies.service';
import { Worker, type WorkerRecord } from '../workers/worker.model';
import type { FieldCrypto } from '../../security/field-crypto';
import { assertCertifiedBroker } from './broker-gate';
import { TeamModel, type TeamRecord } from './broker.model';

const PROGRESS = ['forming', 'applied', 'hired', 'departed', 'arrived', 'insured', 'retained', 'left'] as const;

const notFound = () => new NotFoundError('error.teamNotFound');

export class TeamService {
  private readonly audit: AuditService;

  constructor(private readonly deps: { clock: Clock; crypto: FieldCrypto; subsidies: SubsidyService; outcomes: OutcomeService }) {
    this.audit = new AuditService(deps.clock);
  }

  toApi(team: TeamRecord): Team {
    let rank = team.appliedAt ? 1 : 0;
    for (const s of team.stages) rank = Math.max(rank, PROGRESS.indexOf(s.stage));
    return {
      id: team._id.toHexString(),
      brokerId: team.brokerId,
      name: team.name,
      job: { id: team.jobId.toHexString(), title: team.jobTitle, employerName: team.employerName, regionName: team.jobRegionName },
      members: team.members.map((m) => ({ workerId: m.workerId.toHexString(), name: m.name, idNumberMasked: m.idNumberMasked, addedAt: m.addedAt.toISOString() })),
      appliedAt: team.appliedAt ? team.appliedAt.toISOString() : null,
      stages: team.stages.map((s) => ({
        id: s._id.toHexString(),
        stage: s.stage,
        on: s.on,
        memberIds: s.memberIds.map((m) => m.toHexString()),
        transport: s.transport ?? null,
        laborDispatch: s.laborDispatch,
        months: s.months ?? null,
        travel: s.travel ? { distanceKm: s.travel.distanceKm, mode: s.travel.mode } : null,
        note: s.note,
        recordedAt: s.recordedAt.toISOString(),
        confirmedAt: s.confirmedAt ? s.confirmedAt.toISOString() : null,
      })),
      progress: PROGRESS[rank] ?? 'forming',
      createdAt: team.createdAt.toISOString(),
    };
  }

  /** People the broker enrolled, as team members; any other id → 404. */
  private async myMembers(auth: AuthContext, ids: readonly string[]): Promise<TeamRecord['members']> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const found = await Worker.find({ _id: { $in: unique.map((id) => new Types.ObjectId(id)) }, 'createdBy.subjectId': auth.subjectId }, { name: 1, idEnc: 1 })
      .lean<Array<Pick<WorkerRecord, '_id' | 'name' | 'idEnc'>>>()
      .exec();
    if (found.length !== unique.length) throw new AppError('NOT_FOUND', { messageKey: 'error.teamMemberNotMine' });
    const now = this.deps.clock();
    return found.map((w) => ({ workerId: w._id, name: w.name, idNumberMasked: maskIdNumber(this.deps.crypto.decrypt('idNumber', w.idEnc)), addedAt: now }));
  }

  private async mine(auth: AuthContext, id: string): Promise<TeamRecord> {
    const team = await TeamModel.findOne({ _id: new Types.ObjectId(id), brokerId: auth.subjectId }).lean<TeamRecord>().exec();
    if (!team) throw notFound();
    return team;
  }

  async create(auth: AuthContext, input: { name: string; jobId: string; memberIds: string[] }): Promise<Team> {
    await assertCertifiedBroker(auth);
    const job = await Job.findById(input.jobId).lean().exec();
    if (!job || job.status !== 'open') throw new NotFoundError('error.jobNotFound');
    const members = await this.myMembers(auth, input.memberIds);
    const account = await Account.findById(auth.subjectId, { regionScope: 1 }).lean().exec();
    const doc = await TeamModel.create({
      brokerId: auth.subjectId,
      regionCode: account?.regionScope ?? auth.regionScope ?? '',
      name: input.name,
      jobId: job._id,
      jobTitle: job.title,
      employerId: job.employerId,
      employerName: job.employerName,
      jobRegionCode: job.regionCode,
      jobRegionName: job.regionName,
      members,
    });
    return this.toApi(doc.toObject<TeamRecord>());
  }

  async list(auth: AuthContext): Promise<Team[]> {
    const teams = await TeamModel.find({ brokerId: auth.subjectId }).sort({ createdAt: -1 }).limit(200).lean<TeamRecord[]>().exec();
    return teams.map((t) => this.toApi(t));
  }

  async get(auth: AuthContext, id: string): Promise<Team> {
    return this.toApi(await this.mine(auth, id));
  }

  async addMembers(auth: AuthContext, id: string, workerIds: string[]): Promise<Team> {
    await assertCertifiedBroker(auth);
    const team = await this.mine(auth, id);
    const have = new Set(team.members.map((m) => m.workerId.toHexString()));
    const added = await this.myMembers(auth, workerIds.filter((w) => !have.has(w)));
    const updated = await TeamModel.findOneAndUpdate(
      { _id: team._id, brokerId: auth.subjectId },
      { $push: { members: { $each: added } } },
      { returnDocument: 'after' },
    )
      .lean<TeamRecord>()
      .exec();
    if (!updated) throw notFound();
    return this.toApi(updated);
  }

  /** Submits the team's application to the job (once). */
  async apply(auth: AuthContext, id: string): Promise<Team> {
    await assertCertifiedBroker(auth);
    const team = await this.mine(auth, id);
    if (team.members.length === 0) throw new AppError('CONFLICT', { messageKey: 'error.teamEmpty' });
    if (team.appliedAt) throw new AppError('CONFLICT', { messageKey: 'error.teamAlreadyApplied' });
    const updated = await TeamModel.findOneAndUpdate({ _id: team._id, appliedAt: null }, { $set: { appliedAt: this.deps.clock() } }, { returnDocument: 'after' })
      .lean<TeamRecord>()
      .exec();
    if (!updated) throw new AppError('CONFLICT', { messageKey: 'error.teamAlreadyApplied' });
    return this.toApi(updated);
  }

  async recordStage(auth: AuthContext, id: string, input: StageData): Promise<Team> {
    await assertCertifiedBroker(auth);
    const team = await this.mine(auth, id);
    if (!team.appliedAt) throw new AppError('CONFLICT', { messageKey: 'error.teamNotApplied' });
    if (input.on > chinaDateOf(this.deps.clock())) throw new ValidationError({ on: 'validation.team.futureDate' });
    const memberIds = input.memberIds ?? team.members.map((m) => m.workerId.toHexString());
    const members = new Set(team.members.map((m) => m.workerId.toHexString()));
    if (memberIds.length === 0) throw new AppError('CONFLICT', { messageKey: 'error.teamEmpty' });
    if (memberIds.some((m) => !members.has(m))) throw new AppError('NOT_FOUND', { messageKey: 'error.teamMemberNotMine' });
    const stage = {
      _id: new Types.ObjectId(),
      stage: input.stage,
      on: input.on,
      memberIds: [...new Set(memberIds)].map((m) => new Types.ObjectId(m)),
      transport: input.stage === 'departed' ? (input.transport ?? null) : null,
      laborDispatch: input.stage === 'hired' ? (input.laborDispatch ?? false) : false,
      months: input.stage === 'retained' ? (input.months ?? null) : null,
      travel: input.stage === 'arrived' ? (input.travel ?? null) : null,
      note: input.note,
      recordedAt: this.deps.clock(),
      confirmedAt: null,
      confirmedBy: null,
    };
    const updated = await TeamModel.findOneAndUpdate({ _id: team._id }, { $push: { stages: stage } }, { returnDocument: 'after' }).lean<TeamRecord>().exec();
    if (!updated) throw notFound();
    return this.toApi(updated);
  }

  // ---- Staff ----

  private inScope(auth: AuthContext, code: string): boolean {
    return auth.role === 'admin' || auth.regionScope === null || isWithinRegion(code, auth.regionScope);
  }

  async listForStaff(auth: AuthContext, unconfirmed?: boolean): Promise<Team[]> {
    const filter: Record<string, unknown> = {};
    if (auth.role !== 'admin' && auth.regionScope !== null) filter.regionCode = { $regex: `^${auth.regionScope}` };
    if (unconfirmed) filter.stages = { $elemMatch: { confirmedAt: null } };
    const teams = await TeamModel.find(filter).sort({ createdAt: -1 }).limit(200).lean<TeamRecord[]>().exec();
    return teams.map((t) => this.toApi(t));
  }

  /** Staff of the team's region confirm a stage (once); the ledger is brought up to date. Audited. */
  async confirmStage(auth: AuthContext, teamId: string, stageId: string, note: string): Promise<Team> {
    const team = await TeamModel.findById(teamId).lean<TeamRecord>().exec();
    if (!team || !this.inScope(auth, team.regionCode)) throw notFound();
    const stage = team.stages.find((s) => s._id.equals(stageId));
    if (!stage) throw new NotFoundError('error.stageNotFound');
    const now = this.deps.clock();
    const updated = await TeamModel.findOneAndUpdate(
      { _id: team._id, stages: { $elemMatch: { _id: stage._id, confirmedAt: null } } },
      { $set: { 'stages.$': { ...stage, confirmedAt: now, confirmedBy: auth.subjectId } } },
      { returnDocument: 'after' },
    )
      .lean<TeamRecord>()
      .exec();
    if (!updated) throw new AppError('CONFLICT', { messageKey: 'error.stageAlreadyConfirmed' });
    await this.audit.record(auth, {
      action: 'verify',
      targetType: 'broker_team_stage',
      targetId: `${teamId}/${stageId}`,
      regionCode: team.regionCode,
      reason: note || null,
      detail: `${stage.stage} ${stage.on} ×${stage.memberIds.length}`,
    });
    await this.deps.subsidies.syncTeam(team._id);
    await this.applyOutcomes(updated, stage, auth.subjectId);
    return this.toApi(updated);
  }

  /** A confirmed arrival or departure is each member's outcome: the registry and the history follow. */
  private async applyOutcomes(team: TeamRecord, stage: TeamRecord['stages'][number], by: string): Promise<void> {
    if (stage.stage !== 'arrived' && stage.stage !== 'left') return;
    const people = await Worker.find({ _id: { $in: stage.memberIds } }, { household: 1, employment: 1, tracking: 1, keyGroups: 1, name: 1 }).lean<WorkerRecord[]>().exec();
    for (const w of people) {
      await this.deps.outcomes.apply(
        w,
        stage.stage === 'arrived'
          ? { kind: 'arrived', on: stage.on, regionCode: team.jobRegionCode, employerName: team.employerName, organizedByGovernment: true, travel: stage.travel ?? undefined }
          : { kind: 'left', on: stage.on },
        { source: 'team', sourceRef: `team:${stage._id.toHexString()}:${w._id.toHexString()}`, by },
      );
    }
  }
}

