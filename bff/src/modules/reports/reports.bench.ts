/**
 * Monthly report benchmark: 1,000,000 registry records of 通辽市 (its 8 counties) in the embedded
 * engine (memory only), plus complaints and training results; the city's June 2022 report is
 * timed (monthlyReport1M.ms) and the process RSS peak during it sampled every 20 ms
 * (monthlyReport1M.peakRssMb; the engine runs in this process).
 *   npx tsx bff/src/modules/reports/reports.bench.ts [records]
 */
import mongoose, { Types } from 'mongoose';
import { ensureIndexes } from '../../db/connection';
import { startEmbeddedMongo } from '../../db/embedded';
import { systemClock } from '../../security/clock';
import { countiesOf, ReportService } from './report.service';

const CITY = '1505';
const MONTH = '2022-06';

/** Small deterministic PRNG so runs are comparable. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

export async function runMonthlyReportBench(records = 1_000_000): Promise<Record<string, number>> {
  const engine = await startEmbeddedMongo({ dbPath: null, port: 0 });
  await mongoose.connect(engine.uri, { autoIndex: false, maxPoolSize: 10 });
  try {
    await ensureIndexes();
    const counties = countiesOf(CITY);
    const rand = rng(20220630);
    const workers = mongoose.connection.collection('workers');
    const seedStarted = Date.now();
    const BATCH = 20_000;
    for (let done = 0; done < records; done += BATCH) {
      const docs = [];
      for (let i = done; i < Math.min(records, done + BATCH); i += 1) {
        const county = counties[i % counties.length] as string;
        const village = `${county}${pad(1 + Math.floor(rand() * 20))}0${pad(1 + Math.floor(rand() * 30))}0`.slice(0, 12).padEnd(12, '0');
        const created = new Date(Date.UTC(2019, 0, 1) + Math.floor(rand() * 4 * 365) * 86_400_000);
        const updated = rand() < 0.3 ? new Date(created.getTime() + Math.floor(rand() * 365) * 86_400_000) : created;
        const employed = rand() < 0.6;
        const startYear = 2018 + Math.floor(rand() * 5);
        const r = rand();
        const location = r < 0.45 ? 'in_county' : r < 0.7 ? 'in_province' : 'out_of_province';
        docs.push({
          _id: new Types.ObjectId(),
          idIndex: `${i.toString(16).padStart(12, '0')}${Math.floor(rand() * 1e12).toString(16)}`,
          name: `人员${i}`,
          birthDate: `${1965 + Math.floor(rand() * 40)}-${pad(1 + Math.floor(rand() * 12))}-15`,
          sex: rand() < 0.5 ? 'male' : 'female',
          household: { regionCode: village, countyCode: county, group: '一组' },
          keyGroups: rand() < 0.15 ? ['lifted_from_poverty'] : [],
          mobility: rand() < 0.6 ? 'can_travel_far' : 'nearby_only',
          jobIntention: { wantsJob: true, trades: ['电焊工'], locations: [] },
          employment: employed
            ? {
                status: 'employed',
                destination: {
                  location,
                  ...(location === 'in_county' ? { regionCode: county } : location === 'out_of_province' ? { regionCode: '310115' } : {}),
                  startedOn: `${startYear}-${pad(1 + Math.floor(rand() * 12))}-${pad(1 + Math.floor(rand() * 28))}`,
                  organizedByGovernment: rand() < 0.4,
                },
              }
            : { status: 'unemployed', destination: null },
          source: 'staff',
          createdAt: created,
          updatedAt: updated,
        });
      }
      await workers.insertMany(docs, { ordered: false });
    }
    const seedMs = Date.now() - seedStarted;
    // A few hundred complaints and training results so every pipeline has work.
    const complaints = mongoose.connection.collection('complaints');
    const cdocs = [];
    for (let i = 0; i < 600; i += 1) {
      const county = counties[i % counties.length] as string;
      const received = new Date(Date.UTC(2022, Math.floor(rand() * 6), 1 + Math.floor(rand() * 28)));
      const accepted = rand() < 0.9 ? new Date(received.getTime() + Math.floor(rand() * 5) * 86_400_000) : null;
      const closed = accepted && rand() < 0.7 ? new Date(accepted.getTime() + Math.floor(rand() * 40) * 86_400_000) : null;
      cdocs.push({
        caseNumber: `${county}-bench-${i}`,
        filedBy: 'bench',
        intakeRegionCode: county,
        intakeRegionPath: ['15', CITY, county],
        status: closed ? 'closed' : accepted ? 'accepted' : 'submitted',
        caseType: 'construction',
        respondent: { kind: 'foreman', name: '某' },
        coWorkersOwed: 0,
        receivedAt: received,
        acceptedAt: accepted,
        closedAt: closed,
        amountRecoveredFen: closed ? 100_000 : null,
        timeline: [],
        evidence: [],
        createdAt: received,
        updatedAt: received,
      });
    }
    await complaints.insertMany(cdocs);

    const peak = { rss: process.memoryUsage().rss };
    const timer = setInterval(() => {
      peak.rss = Math.max(peak.rss, process.memoryUsage().rss);
    }, 20);
    const service = new ReportService(systemClock);
    if (process.env.REPORT_PROFILE) await service.profile(CITY, MONTH);
    const started = performance.now();
    const report = await service.monthly(CITY, MONTH);
    const ms = performance.now() - started;
    clearInterval(timer);
    peak.rss = Math.max(peak.rss, process.memoryUsage().rss);
    if (report.registrations.total !== records) throw new Error(`report counted ${report.registrations.total} of ${records} records`);
    console.log(
      `[bench] monthly report ${CITY} ${MONTH}: ${ms.toFixed(0)} ms; transfers ${report.transfers.month.total} this month, ${report.transfers.yearToDate.total} this year; seeded ${records} in ${(seedMs / 1000).toFixed(1)} s`,
    );
    return {
      'monthlyReport1M.ms': Math.round(ms),
      'monthlyReport1M.peakRssMb': Math.round(peak.rss / 1024 / 1024),
      'monthlyReport1M.seedS': Math.round(seedMs / 100) / 10,
    };
  } finally {
    await mongoose.disconnect();
    await engine.stop();
  }
}

if (require.main === module) {
  runMonthlyReportBench(Number(process.argv[2] ?? 1_000_000)).then(
    (r) => {
      console.log(r);
      process.exit(0);
    },
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
