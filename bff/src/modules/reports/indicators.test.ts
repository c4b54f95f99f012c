import ExcelJS from 'exceljs';
import { IndicatorReportSchema, MonthlyReportSchema, type IndicatorReport, type WorkLocation } from '@zhuanyi/shared';
import { manualClock } from '../../security/clock';
import { signInAs } from '../../test-support/auth';
import { useTestDb } from '../../test-support/test-db';
import { staffApp, workerDoc } from '../staff/staff-test-kit';
import { Worker } from '../workers/worker.model';

const db = useTestDb();
jest.setTimeout(60_000);

const job = (location: WorkLocation, startedOn: string, regionCode?: string, organizedByGovernment = false) => ({
  employment: { status: 'employed' as const, destination: { location, ...(regionCode ? { regionCode } : {}), startedOn, organizedByGovernment } },
});
const value = (r: IndicatorReport, key: string) => r.indicators.find((i) => i.key === key);

describe('indicators as the seeds define them', () => {
  it('when 洛隆县 reports people out of region, then only people working outside Tibet count (against its target of 90), by township and village, weekly, monthly and quarterly, with definitions in the xlsx', async () => {
    const clock = manualClock('2022-07-02T02:00:00Z');
    const { http } = staffApp(db.database, clock);
    const v1 = '540329100201';
    const v2 = '540329101201';
    await Worker.collection.insertMany([
      workerDoc({ village: v1, ...job('in_province', '2022-06-10', '540102', true) }), // Lhasa: outside the county, inside Tibet
      workerDoc({ village: v1, ...job('out_of_province', '2022-06-20', '310115', true) }), // Shanghai
      workerDoc({ village: v1, ...job('in_province', '2022-05-02') }), // in Tibet, no code
      workerDoc({ village: v2, ...job('out_of_province', '2022-04-01') }), // out of Tibet, no code
      workerDoc({ village: v2, ...job('in_county', '2022-06-27', '540329') }),
      workerDoc({ village: v2, keyGroups: ['lifted_from_poverty'], ...job('out_of_province', '2022-06-28', '440305', true) }), // Shenzhen
      workerDoc({ village: v2, ...job('in_county', '2021-03-01', '540329') }), // in work since last year: counted, not new
      workerDoc({ village: v2, ...job('out_of_province', '2022-07-01', '310115') }), // started after June: not in June's figures
      workerDoc({ village: v2 }), // unemployed
      workerDoc({ village: v2, employment: { status: 'not_seeking', destination: null } }), // not in the labor force
    ] as never[]);
    const staff = await signInAs('staff', { regionScope: '540329', clock });
    const get = async (period: string, on: string) =>
      IndicatorReportSchema.parse((await http().get('/api/v1/reports/indicators').query({ period, on }).set(staff.header).expect(200)).body);

    const june = await get('month', '2022-06-15');
    expect(june.outsideArea).toEqual({ code: '54', name: '西藏自治区' });
    expect(value(june, 'outOfRegion')).toMatchObject({ actual: 3, target: 90, ratio: 0.033 });
    expect(value(june, 'outOfRegion')?.definition).toContain('西藏自治区以外');
    expect(value(june, 'inRegion')?.actual).toBe(4);
    expect(value(june, 'transferredStock')).toMatchObject({ actual: 7, target: 11_050 });
    expect(value(june, 'transferredNew')).toMatchObject({ actual: 6, inPeriod: 4 });
    expect(value(june, 'poorTransferred')?.actual).toBe(1);
    expect(value(june, 'transferRate')?.actual).toBe(Math.round((7 / 9) * 1000) / 1000);
    expect(value(june, 'governmentOrganizedShare')).toMatchObject({ actual: Math.round((3 / 7) * 1000) / 1000, target: 0.6 });
    // By township and village; the townships add up to the county, nobody twice.
    const towns = june.areas.filter((a) => a.level === 'township');
    expect(towns.map((a) => [a.regionCode, a.transferredStock, a.outOfRegion])).toEqual([
      ['540329100', 3, 1],
      ['540329101', 4, 2],
    ]);
    expect(june.areas.find((a) => a.regionCode === v1)).toMatchObject({ level: 'village', transferredStock: 3, inRegion: 2 });

    // A week (Mon 2022-06-27 .. Sun 07-03) and a quarter: the period's end decides who is in work.
    const week = await get('week', '2022-06-29');
    expect([week.from, week.to]).toEqual(['2022-06-27', '2022-07-03']);
    expect(value(week, 'transferredStock')?.actual).toBe(8);
    expect(value(week, 'transferredNew')?.inPeriod).toBe(3);
    const q2 = await get('quarter', '2022-05-01');
    expect([q2.from, q2.to]).toEqual(['2022-04-01', '2022-06-30']);
    expect(value(q2, 'transferredNew')?.inPeriod).toBe(6);

    // The monthly report compares people in work (not jobs started this year) with the targets, and carries the indicators.
    const monthly = MonthlyReportSchema.parse((await http().get('/api/v1/reports/monthly').query({ month: '2022-06' }).set(staff.header).expect(200)).body);
    expect(monthly.targets.outOfRegion).toMatchObject({ actual: 3, target: 90 });
    expect(monthly.transfers.month.outOfRegion).toBe(2); // Shanghai and Shenzhen started in June; Lhasa is inside Tibet
    expect(monthly.indicators.indicators.map((i) => i.key)).toContain('outOfRegion');

    const file = await http()
      .get('/api/v1/reports/indicators.xlsx')
      .query({ period: 'month', on: '2022-06-15' })
      .set(staff.header)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.body as ExcelJS.Buffer);
    const sheet = wb.getWorksheet('指标定义与完成情况');
    const rows = Array.from(sheet?.getSheetValues() ?? [], (r) => (Array.isArray(r) ? Array.from(r.slice(1), (x) => (x === undefined || x === null ? '' : String(x))) : []));
    const out = rows.find((r) => r[0] === '西藏自治区外转移就业人数');
    expect(out?.slice(1, 5)).toEqual(['3', '', '90', '3.3%']);
    expect(out?.[5]).toContain('西藏自治区以外');
    expect(rows.some((r) => r[0] === '孜托镇' && r[1] === '3')).toBe(true);

    await http().get('/api/v1/reports/indicators').query({ period: 'month', on: '2022-06-15', regionCode: '1505' }).set(staff.header).expect(404);
  });

  it('when the monthly report carries the indicators, then they equal the indicator report of that month (people of every employed status in work, the labour force shared with the registrations)', async () => {
    const clock = manualClock('2022-07-02T02:00:00Z');
    const { http } = staffApp(db.database, clock);
    const v = '540329100201';
    const as = (status: 'self_employed' | 'public_welfare_post', startedOn: string) => ({
      employment: { status, destination: { location: 'in_county' as const, regionCode: '540329', startedOn, organizedByGovernment: false } },
    });
    await Worker.collection.insertMany([
      workerDoc({ village: v, ...job('out_of_province', '2022-06-03', '310115') }),
      workerDoc({ village: v, ...as('self_employed', '2022-02-11') }),
      workerDoc({ village: v, keyGroups: ['at_risk_of_poverty'], ...as('public_welfare_post', '2021-09-01') }),
      workerDoc({ village: v }), // unemployed
      workerDoc({ village: v, employment: { status: 'not_seeking', destination: null } }),
    ] as never[]);
    const staff = await signInAs('staff', { regionScope: '540329', clock });
    const monthly = MonthlyReportSchema.parse((await http().get('/api/v1/reports/monthly').query({ month: '2022-06' }).set(staff.header).expect(200)).body);
    const alone = IndicatorReportSchema.parse((await http().get('/api/v1/reports/indicators').query({ period: 'month', on: '2022-06-15' }).set(staff.header).expect(200)).body);
    expect(monthly.indicators.indicators).toEqual(alone.indicators);
    expect(monthly.registrations.total).toBe(5);
    expect(value(alone, 'transferredStock')?.actual).toBe(3);
    expect(value(alone, 'transferRate')?.actual).toBe(0.75); // 3 in work of 4 in the labour force
    expect(value(alone, 'poorTransferred')?.actual).toBe(1);
  });

  it('when 通辽市 counties report, then out of region means outside the city (市外), so work in Hohhot counts out and work elsewhere in the city counts in', async () => {
    const clock = manualClock('2022-07-02T02:00:00Z');
    const { http } = staffApp(db.database, clock);
    await Worker.collection.insertMany([
      workerDoc({ village: '150521100201', ...job('in_province', '2022-03-01', '150102') }),
      workerDoc({ village: '150521100201', ...job('in_province', '2022-03-01', '150502') }),
    ] as never[]);
    const staff = await signInAs('staff', { regionScope: '150521', clock });
    const r = IndicatorReportSchema.parse((await http().get('/api/v1/reports/indicators').query({ period: 'month', on: '2022-06-01' }).set(staff.header).expect(200)).body);
    expect(r.outsideArea.code).toBe('1505');
    expect([value(r, 'outOfRegion')?.actual, value(r, 'inRegion')?.actual]).toEqual([1, 1]);
  });
});
