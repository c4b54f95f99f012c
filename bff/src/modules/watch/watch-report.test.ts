import { MonthlyReportSchema, WatchCountsSchema } from '@zhuanyi/shared';
import mongoose, { Types } from 'mongoose';
import { manualClock } from '../../security/clock';
import { signInAs } from '../../test-support/auth';
import { useTestDb } from '../../test-support/test-db';
import { Worker } from '../workers/worker.model';
import { createWorker, staffApp, workerDoc } from '../staff/staff-test-kit';

const db = useTestDb();
jest.setTimeout(60_000);

describe('four-color watch and the monthly report', () => {
  it('when prepared records are saved, then each gets its color and the village counts add up', async () => {
    const clock = manualClock('2026-06-15T02:00:00Z');
    const { http } = staffApp(db.database, clock);
    const v1 = '150521100201';
    const v2 = '150521100202';
    // red: key group, unemployed since February, no income
    await createWorker({ village: v1, keyGroups: ['lifted_from_poverty'], tracking: { unemployedSince: '2026-02-01', hasIncome: false } });
    // orange: unemployed for a month
    await createWorker({ village: v1, tracking: { unemployedSince: '2026-05-10' } });
    // orange: key group long unemployed but has income
    await createWorker({ village: v2, keyGroups: ['disabled'], tracking: { unemployedSince: '2025-10-01', hasIncome: true } });
    // yellow: public welfare post ending within 60 days
    await createWorker({ village: v2, employment: { status: 'public_welfare_post', destination: { location: 'in_county', startedOn: '2025-07-01', organizedByGovernment: true } }, tracking: { postEndsOn: '2026-07-31' } });
    // yellow: two months in the job
    await createWorker({ village: v2, employment: { status: 'employed', destination: { location: 'out_of_province', startedOn: '2026-04-10', organizedByGovernment: false } } });
    // green: a year in the job
    const green = await createWorker({ village: v1, employment: { status: 'employed', destination: { location: 'in_province', startedOn: '2025-05-01', organizedByGovernment: false } } });
    const staff = await signInAs('staff', { regionScope: '150521', clock });
    const counts = WatchCountsSchema.parse((await http().get('/api/v1/watch/counts').set(staff.header).expect(200)).body);
    expect(counts.totals).toEqual({ red: 1, orange: 2, yellow: 2, green: 1 });
    expect(counts.villages.find((v) => v.regionCode === v1)).toMatchObject({ red: 1, orange: 1, yellow: 0, green: 1 });
    expect(counts.villages.find((v) => v.regionCode === v2)).toMatchObject({ red: 0, orange: 1, yellow: 2, green: 0 });

    // The job ends: staff record it and the color follows (orange: ended within 30 days).
    await http()
      .put(`/api/v1/registry/workers/${green._id.toHexString()}/employment`)
      .set(staff.header)
      .send({ status: 'unemployed', endedOn: '2026-06-05', unemployedSince: '2026-06-05' })
      .expect(200);
    const after = await Worker.findById(green._id).lean().exec();
    expect(after?.watch).toMatchObject({ color: 'orange', reasons: ['unemployed', 'job_ended_recently'] });
    await http().get('/api/v1/watch/counts').query({ regionCode: '150522' }).set(staff.header).expect(404);
  });

  it('when the report runs on prepared data, then the totals are the known ones and nobody is counted twice', async () => {
    const clock = manualClock('2022-07-02T02:00:00Z');
    const { http } = staffApp(db.database, clock);
    const sh = (ymd: string) => new Date(`${ymd}T04:00:00Z`);
    const docs = [
      // June 2022 transfers: 2 out of the county (1 government-organized), 1 inside.
      workerDoc({ employment: { status: 'employed', destination: { location: 'out_of_province', regionCode: '310115', startedOn: '2022-06-03', organizedByGovernment: true } } }, sh('2021-03-01')),
      workerDoc({ employment: { status: 'employed', destination: { location: 'in_province', startedOn: '2022-06-20', organizedByGovernment: false } } }, sh('2022-06-10')),
      workerDoc({ employment: { status: 'employed', destination: { location: 'in_county', regionCode: '150521', startedOn: '2022-06-25', organizedByGovernment: false } } }, sh('2022-06-11')),
      // Earlier this year (year to date only).
      workerDoc({ employment: { status: 'public_welfare_post', destination: { location: 'in_county', startedOn: '2022-02-01', organizedByGovernment: true } } }, sh('2020-01-01')),
      // Last year: not counted.
      workerDoc({ employment: { status: 'employed', destination: { location: 'out_of_province', startedOn: '2021-12-30', organizedByGovernment: true } } }, sh('2020-01-01')),
      // Unemployed, registered in June.
      workerDoc({}, sh('2022-06-15')),
      // Another county: not in the 科左中旗 report.
      workerDoc({ village: '150522100201', employment: { status: 'employed', destination: { location: 'out_of_province', startedOn: '2022-06-05', organizedByGovernment: true } } }, sh('2022-06-01')),
    ];
    // One record updated in June after being created earlier.
    (docs[0] as { updatedAt: Date }).updatedAt = sh('2022-06-18');
    await Worker.collection.insertMany(docs as never[]);
    const complaints = mongoose.connection.collection('complaints');
    const base = { filedBy: 'x', intakeRegionCode: '150521', intakeRegionPath: ['15', '1505', '150521'], caseType: 'construction', respondent: { kind: 'foreman', name: '某' }, coWorkersOwed: 0, timeline: [], evidence: [] };
    await complaints.insertMany([
      { ...base, caseNumber: 'a', status: 'closed', receivedAt: sh('2022-06-01'), acceptedAt: sh('2022-06-02'), closedAt: sh('2022-06-21'), amountRecoveredFen: 500_000 },
      { ...base, caseNumber: 'b', status: 'closed', receivedAt: sh('2022-05-20'), acceptedAt: sh('2022-06-04'), closedAt: sh('2022-06-30'), amountRecoveredFen: 300_000 },
      { ...base, caseNumber: 'c', status: 'submitted', receivedAt: sh('2022-06-28') },
      { ...base, caseNumber: 'd', status: 'accepted', receivedAt: sh('2022-04-01'), acceptedAt: sh('2022-04-03') },
    ]);
    const staff = await signInAs('staff', { regionScope: '150521', clock });
    const r = MonthlyReportSchema.parse((await http().get('/api/v1/reports/monthly').query({ month: '2022-06' }).set(staff.header).expect(200)).body);
    expect(r.transfers.month).toEqual({ total: 3, outOfRegion: 2, inRegion: 1, governmentOrganized: 1 });
    expect(r.transfers.yearToDate).toEqual({ total: 4, outOfRegion: 2, inRegion: 2, governmentOrganized: 2 });
    expect(r.transfers.governmentOrganizedShare).toBe(0.5);
    expect(r.registrations).toEqual({ new: 3, updated: 1, total: 6 });
    expect(r.complaints).toEqual({ received: 2, accepted: 2, closed: 2, amountRecoveredFen: 800_000, medianDaysToAccept: 8, medianDaysToClose: 30.5 });
    expect(r.monthly.map((m) => m.transfers)).toEqual([0, 1, 0, 0, 0, 3]);

    // 通辽市 2022 targets from the seed plan: 500,000 transfers, 300,000 out, 200,000 in.
    const admin = await signInAs('admin', { clock });
    const city = MonthlyReportSchema.parse((await http().get('/api/v1/reports/monthly').query({ month: '2022-06', regionCode: '1505' }).set(admin.header).expect(200)).body);
    // People in work (the seed's count), including the one who started in 2021 and is still at work.
    expect(city.targets.transfers).toMatchObject({ actual: 6, target: 500_000 });
    expect(city.targets.outOfRegion.target).toBe(300_000);
    await http().get('/api/v1/reports/monthly').query({ month: '2022-06', regionCode: '1505' }).set(staff.header).expect(404);

    const xlsx = await http().get('/api/v1/reports/monthly.xlsx').query({ month: '2022-06' }).set(staff.header).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    expect((xlsx.body as Buffer).subarray(0, 2).toString()).toBe('PK');
    void Types;
  });
});
