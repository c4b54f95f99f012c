import { setTimeout as sleep } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import { BrokerImportSchema, maskIdNumber, t, type BrokerImport, type ImportRowResult } from '@zhuanyi/shared';
import { seedAreaCodes } from '../../seed/seed';
import { signInAs, type TestSubject } from '../../test-support/auth';
import { enrolmentCsv, enrolmentRows, enrolmentXlsx, villagesOf } from '../../test-support/broker-rows';
import { testApp } from '../../test-support/test-app';
import { useTestDb } from '../../test-support/test-db';
import { Worker } from '../workers/worker.model';
import { Account } from '../accounts/account.model';
import { PesOutbox } from '../../integrations/pes/pes.models';
import { EnrolmentModel } from './broker.model';

const db = useTestDb();
let http: ReturnType<typeof testApp>['http'];
let township: string;
let villages: string[];

beforeAll(() => {
  http = testApp(db.database).http;
  const area = seedAreaCodes()[0];
  if (!area) throw new Error('no seed area');
  township = area.township;
  villages = villagesOf(township);
});

async function upload(broker: TestSubject, file: Buffer, name: string): Promise<BrokerImport> {
  const res = await http().post('/api/v1/brokers/me/imports').set(broker.header).attach('file', file, name);
  expect(res.status).toBe(202);
  return BrokerImportSchema.parse(res.body);
}

async function finished(broker: TestSubject, id: string): Promise<BrokerImport> {
  for (let i = 0; i < 600; i += 1) {
    const res = await http().get(`/api/v1/brokers/me/imports/${id}`).set(broker.header).expect(200);
    const imp = BrokerImportSchema.parse(res.body);
    if (imp.status === 'done' || imp.status === 'failed') return imp;
    await sleep(50);
  }
  throw new Error('import did not finish');
}

// Bad rows by 0-based data index: 10 wrong checksums, 10 without a village, 10 repeating an earlier row's ID.
const CHECKSUM = [3, 97, 150, 222, 301, 404, 555, 640, 777, 990];
const NO_VILLAGE = [10, 120, 199, 260, 333, 480, 512, 699, 808, 901];
const DUPLICATE: Record<number, number> = { 20: 5, 130: 100, 210: 0, 350: 349, 460: 7, 590: 400, 720: 719, 850: 2, 930: 930 - 50, 999: 998 };

function expectedRows(): ImportRowResult[] {
  const rows = enrolmentRows({ count: 1000, villages, bad: { checksum: CHECKSUM, missingVillage: NO_VILLAGE, duplicateOf: DUPLICATE } });
  return rows.map((r, i) => {
    const row = i + 2;
    const masked = maskIdNumber(r.idNumber);
    if (CHECKSUM.includes(i)) {
      return { row, outcome: 'rejected', name: r.name, idNumberMasked: masked, workerId: null, reasons: [`身份证号：${t('validation.idNumber.checksum')}`] };
    }
    if (NO_VILLAGE.includes(i)) {
      return { row, outcome: 'rejected', name: r.name, idNumberMasked: masked, workerId: null, reasons: ['户籍村代码：没有填写户籍所在村'] };
    }
    const dup = DUPLICATE[i];
    if (dup !== undefined) {
      return { row, outcome: 'rejected', name: r.name, idNumberMasked: masked, workerId: null, reasons: [`身份证号与第 ${dup + 2} 行重复`] };
    }
    return { row, outcome: 'created', name: r.name, idNumberMasked: masked, workerId: expect.stringMatching(/^[0-9a-f]{24}$/) as unknown as string, reasons: [] };
  });
}

describe('enrolment by spreadsheet', () => {
  it('when 1,000 rows with 30 bad ones are imported, then each row gets its exact answer and the 970 good ones are registered once', async () => {
    const broker = await signInAs('broker', { regionScope: township });
    const file = await enrolmentXlsx(enrolmentRows({ count: 1000, villages, bad: { checksum: CHECKSUM, missingVillage: NO_VILLAGE, duplicateOf: DUPLICATE } }));
    const first = await upload(broker, file, '名单.xlsx');
    expect(first.repeated).toBe(false);
    const done = await finished(broker, first.id);
    expect(done.status).toBe('done');
    expect(done.totalRows).toBe(1000);
    expect(done.counts).toEqual({ created: 970, updated: 0, rejected: 30 });
    expect(done.rows).toEqual(expectedRows());
    expect(await Worker.countDocuments({ 'createdBy.subjectId': broker.subjectId })).toBe(970);
    expect(await EnrolmentModel.countDocuments({ brokerId: broker.subjectId, via: 'import', consentMethod: 'signed_form' })).toBe(970);
    // Each new registration reaches the PES like a self-registration: one outbox item each.
    expect(await PesOutbox.countDocuments({ type: 'registration' })).toBe(970);

    // The same file again: the same import answers, nothing is entered twice.
    const again = await upload(broker, file, '名单-副本.xlsx');
    expect(again).toMatchObject({ id: first.id, repeated: true, status: 'done', counts: { created: 970, updated: 0, rejected: 30 } });
    expect(await Worker.countDocuments({})).toBe(970);

    // The same people in another file (csv, one phone changed): updates, no duplicates.
    const changed = enrolmentRows({ count: 5, villages });
    const firstRow = changed[0];
    if (!firstRow) throw new Error('no row');
    firstRow.phone = '13912345678';
    const csv = await upload(broker, enrolmentCsv(changed), '名单.csv');
    const csvDone = await finished(broker, csv.id);
    expect(csvDone.format).toBe('csv');
    // Row 5 of the first file had a wrong checksum, so that person is new now.
    expect(csvDone.rows.map((r) => r.outcome)).toEqual(['updated', 'updated', 'updated', 'created', 'updated']);
    expect(await Worker.countDocuments({})).toBe(971);
    // Sent again: the new person and the changed phone only (three rows changed nothing).
    expect(await PesOutbox.countDocuments({ type: 'registration' })).toBe(971);
    expect(await PesOutbox.countDocuments({ type: 'registration_update' })).toBe(1);
  }, 120_000);

  it('when rows are imported, then each created or updated row has exactly one PES outbox item, rejected and unchanged rows none', async () => {
    const broker = await signInAs('broker', { regionScope: township });
    const bad = { checksum: [1], missingVillage: [4], duplicateOf: { 7: 2 } };
    const rows = enrolmentRows({ count: 40, villages, offset: 300, bad });
    const outbox = () => PesOutbox.find({}).lean().exec();
    expect(await outbox()).toHaveLength(0);

    const file = await enrolmentXlsx(rows);
    const first = await finished(broker, (await upload(broker, file, 'pes.xlsx')).id);
    expect(first.counts).toEqual({ created: 37, updated: 0, rejected: 3 });
    const items = await outbox();
    expect(items).toHaveLength(37);
    const created = first.rows.filter((r) => r.outcome === 'created').map((r) => `worker:${r.workerId ?? ''}`);
    expect(items.map((i) => i.ref).sort()).toEqual([...created].sort());
    expect(items.every((i) => i.type === 'registration' && i.sequence === 1 && i.state === 'pending')).toBe(true);
    // Personal numbers stay sealed in the outbox.
    expect(JSON.stringify(items)).not.toContain(rows[0]?.idNumber ?? 'none');

    // The same file again: the first import answers, nothing more goes out.
    const again = await upload(broker, file, 'pes-again.xlsx');
    expect(again.repeated).toBe(true);
    expect(await PesOutbox.countDocuments({})).toBe(37);

    // The same people in another file (csv), two of them changed: only those two are sent again.
    const edited = rows.map((r) => ({ ...r }));
    const [e0, e5] = [edited[0], edited[5]];
    if (!e0 || !e5) throw new Error('rows');
    e0.phone = '13912340000';
    e5.education = t('education.college');
    const second = await finished(broker, (await upload(broker, enrolmentCsv(edited), 'pes.csv')).id);
    expect(second.counts).toEqual({ created: 0, updated: 37, rejected: 3 });
    const updates = await PesOutbox.find({ type: 'registration_update' }).lean().exec();
    expect(updates.map((u) => u.ref).sort()).toEqual([`worker:${first.rows[0]?.workerId ?? ''}`, `worker:${first.rows[5]?.workerId ?? ''}`].sort());
    expect(updates.every((u) => u.sequence === 2)).toBe(true);
    expect(await PesOutbox.countDocuments({})).toBe(39);
  }, 60_000);

  it('when a row belongs to another broker, is out of area, lacks consent or has unknown options, then only that row is refused, in Chinese', async () => {
    const other = await signInAs('broker', { regionScope: township });
    const broker = await signInAs('broker', { regionScope: township });
    await finished(other, (await upload(other, await enrolmentXlsx(enrolmentRows({ count: 1, villages, offset: 50 })), 'a.xlsx')).id);
    const rows = enrolmentRows({ count: 5, villages, offset: 50 });
    const [r0, r1, r2, r3] = rows;
    if (!r0 || !r1 || !r2 || !r3) throw new Error('rows');
    r1.village = '150521001001'; // a village code that does not exist
    r2.consent = '';
    r3.education = '博士后';
    r3.keyGroups = '脱贫人员、外星人';
    const imp = await finished(broker, (await upload(broker, await enrolmentXlsx(rows), 'b.xlsx')).id);
    expect(imp.rows.map((r) => [r.row, r.outcome, r.reasons])).toEqual([
      [2, 'rejected', [`身份证号：${t('error.workerOwnedByOther')}`]],
      [3, 'rejected', [`户籍村代码：${t('validation.regionCode.notFound')}`]],
      [4, 'rejected', [t('import.reason.noConsent')]],
      [5, 'rejected', ['文化程度：“博士后”不在可选项中', '重点群体：“外星人”不在可选项中']],
      [6, 'created', []],
    ]);
  }, 60_000);

  it('when the file is not a spreadsheet, has a wrong header, or more than 1,000 rows, then the import says why and nothing is entered', async () => {
    const broker = await signInAs('broker', { regionScope: township });
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const bad = await http().post('/api/v1/brokers/me/imports').set(broker.header).attach('file', png, 'photo.xlsx');
    expect(bad.status).toBe(415);
    const header = await finished(broker, (await upload(broker, Buffer.from('姓名,电话\n张三,13800000000\n'), 'x.csv')).id);
    expect(header.status).toBe('failed');
    expect(header.failure).toContain('缺少：身份证号');
    const big = await finished(broker, (await upload(broker, enrolmentCsv(enrolmentRows({ count: 1001, villages })), 'big.csv')).id);
    expect(big.failure).toBe(t('error.importTooManyRows', { max: 1000, rows: 1001 }));
    expect(await Worker.countDocuments({})).toBe(0);
  }, 60_000);

  it('when a broker is not certified, then they cannot import; another broker cannot read the import (404)', async () => {
    const uncertified = await signInAs('broker', { regionScope: township });
    await Account.updateOne({ _id: uncertified.subjectId }, { $set: { certifiedAt: null } });
    const res = await http().post('/api/v1/brokers/me/imports').set(uncertified.header).attach('file', enrolmentCsv(enrolmentRows({ count: 1, villages })), 'a.csv');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(t('error.brokerNotCertified'));

    const broker = await signInAs('broker', { regionScope: township });
    const imp = await upload(broker, enrolmentCsv(enrolmentRows({ count: 1, villages })), 'a.csv');
    await finished(broker, imp.id);
    const stranger = await signInAs('broker', { regionScope: township });
    await http().get(`/api/v1/brokers/me/imports/${imp.id}`).set(stranger.header).expect(404);
  }, 60_000);

  it('when the template is downloaded, then its header reads back as the import columns', async () => {
    const broker = await signInAs('broker', { regionScope: township });
    const res = await http()
      .get('/api/v1/brokers/me/imports/template?format=xlsx')
      .set(broker.header)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as ExcelJS.Buffer);
    const header = wb.worksheets[0]?.getRow(1).values;
    expect(Array.isArray(header) ? header.slice(1, 3) : []).toEqual(['姓名*', '身份证号*']);
    const csv = await http().get('/api/v1/brokers/me/imports/template?format=csv').set(broker.header).expect(200);
    expect(csv.text.startsWith('\ufeff姓名*,身份证号*')).toBe(true);
  });
});
