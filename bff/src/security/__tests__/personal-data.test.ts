/**
 * Personal data at rest and in logs: after a run that registers people (by themselves, by a
 * broker, by spreadsheet), files complaints with bank cards, applies to be a broker, signs in by
 * password and SMS, and reveals an ID number, the embedded engine's data files (a real dbPath)
 * and the captured logs hold no ID number, bank card or personal phone in clear. Revealing a
 * full ID number needs a reason and leaves an audit entry.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditListSchema, ErrorBodySchema, idNumberCheckChar, luhnValid, RevealResponseSchema } from '@zhuanyi/shared';
import { testConfig } from '../../config/env';
import { connectDatabase, ensureIndexes, type Database } from '../../db/connection';
import { enrolmentCsv, enrolmentRows, villagesOf } from '../../test-support/broker-rows';
import { testApp } from '../../test-support/test-app';
import { bankCardNumber, buildWorld, complaintInput, COUNTY_A, idempotencyKey, idNumberFor, phoneFor, registeredWorker, type World } from './authz-fixtures';

jest.setTimeout(180_000);

/** Public business contacts printed on job posts (employer switchboards), not anyone's personal number. */
const PUBLIC_CONTACT_PHONES = new Set(['13900001234']);

const dir = mkdtempSync(join(tmpdir(), 'zhuanyi-pii-'));
let database: Database;
let app: ReturnType<typeof testApp>;
let world: World;
const secrets = { idNumbers: new Set<string>(), phones: new Set<string>(), cards: new Set<string>() };

beforeAll(async () => {
  database = await connectDatabase({ ...testConfig(), mongodbUri: undefined, embeddedDbPath: dir, dbName: 'pii' });
  await ensureIndexes();
  app = testApp(database, { logLevel: 'debug', rateLimitScale: 0 });
  world = await buildWorld(app.http);
  for (const r of Object.values(world.registrations)) {
    secrets.idNumbers.add(r.idNumber);
    secrets.phones.add(r.phone);
  }
});

let closed = false;
afterAll(async () => {
  if (!closed) await database.close();
  rmSync(dir, { recursive: true, force: true });
});

function isIdNumber(s: string): boolean {
  return s.length === 18 && idNumberCheckChar(s.slice(0, 17)) === s.slice(17).toUpperCase() && /^(19|20)\d{2}(0[1-9]|1[0-2])/.test(s.slice(6, 12));
}
/** Everything in `text` shaped like personal data (standing alone, not inside a hash), and every known secret found in it. */
function findings(text: string, where: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?<![0-9A-Za-z])[0-9]{17}[0-9Xx](?![0-9A-Za-z])/g)) if (isIdNumber(m[0])) out.push(`${where}: ID number ${m[0]}`);
  for (const m of text.matchAll(/(?<![0-9A-Za-z])[0-9]{16,19}(?![0-9A-Za-z])/g)) if (luhnValid(m[0]) && !isIdNumber(m[0])) out.push(`${where}: bank card ${m[0]}`);
  for (const m of text.matchAll(/(?<![0-9A-Za-z])1[3-9][0-9]{9}(?![0-9A-Za-z])/g)) if (!PUBLIC_CONTACT_PHONES.has(m[0])) out.push(`${where}: phone ${m[0]}`);
  for (const s of [...secrets.idNumbers, ...secrets.phones, ...secrets.cards]) if (text.includes(s)) out.push(`${where}: known secret ${s}`);
  return out;
}

function filesUnder(root: string): string[] {
  return readdirSync(root).flatMap((name) => {
    const p = join(root, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('personal data in clear', () => {
  it('when people register, file complaints with bank cards, sign in and are revealed, then neither the data files nor the logs hold an ID number, bank card or phone in clear', async () => {
    const http = app.http;
    const { staff, broker, admin, worker } = world.subjects;

    // Complaints with bank cards and the boss's phone.
    for (let i = 0; i < 3; i += 1) {
      const card = bankCardNumber();
      secrets.cards.add(card);
      const res = await http().post('/api/v1/complaints').set(worker.header).set('Idempotency-Key', idempotencyKey()).send(complaintInput(card));
      expect(res.status).toBe(201);
      expect(JSON.stringify(res.body)).not.toContain(card);
    }
    // Personal numbers typed into free text (address, demand note, an intake officer's note), grouped as people type them.
    const typedId = idNumberFor();
    const typedPhone = phoneFor();
    const typedCard = bankCardNumber();
    const grouped = (digits: string) => digits.replace(/(\d{4})(?=\d)/g, '$1 ');
    for (const v of [typedId, typedPhone, typedCard, grouped(typedCard), `${typedPhone.slice(0, 3)}-${typedPhone.slice(3, 7)}-${typedPhone.slice(7)}`]) secrets.cards.add(v);
    const freeText = {
      ...complaintInput(),
      project: { name: '幸福小区二期', regionCode: COUNTY_A, address: `幸福路12号，工头身份证 ${typedId}` },
      demandNote: `请打到我卡上 ${grouped(typedCard)}，有事打 ${typedPhone.slice(0, 3)}-${typedPhone.slice(3, 7)}-${typedPhone.slice(7)}`,
    };
    const filedFree = await http().post('/api/v1/complaints').set(worker.header).set('Idempotency-Key', idempotencyKey()).send(freeText);
    expect(filedFree.status).toBe(201);
    const shown = JSON.stringify(filedFree.body);
    for (const v of [typedId, typedCard, grouped(typedCard), typedPhone]) expect(shown).not.toContain(v);
    expect(shown).toContain(`****${typedCard.slice(-4)}`);
    const rejected = await http()
      .post(`/api/v1/complaints/${String((filedFree.body as { id: string }).id)}/decisions`)
      .set(world.subjects.intake.header)
      .send({ action: 'reject', reason: `身份证 ${typedId} 与本人不符，请带卡 ${typedCard} 来窗口` });
    expect(rejected.status).toBe(200);
    expect(JSON.stringify(rejected.body)).not.toContain(typedId);
    // A spreadsheet of people entered by a broker.
    const rows = enrolmentRows({ count: 5, villages: villagesOf('150521100'), offset: 400 + (process.pid % 1000) });
    for (const r of rows) {
      secrets.idNumbers.add(r.idNumber);
      secrets.phones.add(r.phone);
    }
    const imported = await http().post('/api/v1/brokers/me/imports').set(broker.header).attach('file', enrolmentCsv(rows), { filename: 'people.csv', contentType: 'text/csv' });
    expect(imported.status).toBe(202);
    const importId = String((imported.body as { id: string }).id);
    // Wait for the import to finish (slow under load), so its rows are in the files inspected below.
    let importStatus = 'queued';
    for (const until = Date.now() + 60_000; ['queued', 'processing'].includes(importStatus) && Date.now() < until; ) {
      await new Promise((r) => setTimeout(r, 50));
      importStatus = String((await http().get(`/api/v1/brokers/me/imports/${importId}`).set(broker.header)).body.status);
    }
    expect(importStatus).toBe('done');
    // More registrations; sign-ins by password, SMS code and refresh.
    const more = await registeredWorker(http);
    secrets.idNumbers.add(more.registration.idNumber);
    secrets.phones.add(more.registration.phone);
    expect((await http().post('/api/v1/auth/password').send({ username: staff.username, password: staff.password })).status).toBe(200);
    const phone = phoneFor();
    secrets.phones.add(phone);
    expect((await http().post('/api/v1/auth/sms/code').send({ phone })).status).toBe(200);
    await http().post('/api/v1/auth/sms').send({ phone, code: '000000' });
    expect((await http().post('/api/v1/auth/refresh').send({ refreshToken: worker.refreshToken })).status).toBe(200);
    // A staff account with a phone.
    const staffPhone = phoneFor();
    secrets.phones.add(staffPhone);
    const created = await http()
      .post('/api/v1/staff/accounts')
      .set(admin.header)
      .send({ username: `pii${process.pid}`, displayName: '新同事', role: 'staff', regionScope: COUNTY_A, password: 'Staff12345!', phone: staffPhone });
    expect(created.status).toBe(201);

    // Free text elsewhere: a registration (group, certificate, employer, project), a job report, an
    // application's and an enrolment's progress notes, a staff service record and a follow-up outcome.
    const numbers = { id: idNumberFor(), phone: phoneFor(), card: bankCardNumber() };
    for (const v of Object.values(numbers)) secrets.cards.add(v);
    const typedRegistration = await registeredWorker(http, {
      householdGroup: `三组${numbers.phone}`,
      certificates: [{ name: '焊工证', number: numbers.id }],
      employment: { status: 'employed', destination: { location: 'in_county', employerName: `联系${numbers.phone}`, organizedByGovernment: false } },
      entrepreneurship: { active: true, project: `养牛 卡号${numbers.card}` },
    });
    secrets.idNumbers.add(typedRegistration.registration.idNumber);
    secrets.phones.add(typedRegistration.registration.phone);
    const mine = JSON.stringify((await http().get('/api/v1/workers/me').set(typedRegistration.subject.header).expect(200)).body);
    for (const v of Object.values(numbers)) expect(mine).not.toContain(v);
    expect(mine).toContain(`三组${numbers.phone.slice(0, 3)}****${numbers.phone.slice(-4)}`);
    expect(mine).toContain(`${numbers.id.slice(0, 6)}********`);
    expect(mine).toContain(`卡号****${numbers.card.slice(-4)}`);
    const notes = `请联系 ${numbers.phone}，身份证 ${numbers.id}，卡 ${numbers.card}`;
    const writes = [
      http().post(`/api/v1/jobs/${world.jobId}/reports`).set(worker.header).send({ reason: 'other', note: notes }),
      http().post(`/api/v1/staff/applications/${world.applicationId}/status`).set(staff.header).send({ to: 'contacted', note: notes }),
      http().post(`/api/v1/staff/enrollments/${world.enrollmentId}/status`).set(staff.header).send({ to: 'confirmed', note: notes }),
      http().post(`/api/v1/registry/workers/${world.workerRecordId}/services`).set(staff.header).send({ kind: 'guidance', note: notes }),
    ];
    for (const write of writes) {
      const res = await write;
      expect([200, 201]).toContain(res.status);
      const body = JSON.stringify(res.body);
      for (const v of Object.values(numbers)) expect(body).not.toContain(v);
    }
    const detail = JSON.stringify((await http().get(`/api/v1/registry/workers/${world.workerRecordId}`).set(staff.header).expect(200)).body);
    expect(detail).toContain(`请联系 ${numbers.phone.slice(0, 3)}****${numbers.phone.slice(-4)}，身份证 ${numbers.id.slice(0, 6)}********`);

    // Reveal: needs a reason, answers the full number, and is audited.
    const noReason = await http().post(`/api/v1/registry/workers/${world.workerRecordId}/reveal`).set(staff.header).send({});
    expect(noReason.status).toBe(400);
    expect(ErrorBodySchema.parse(noReason.body).error.fields).toHaveProperty('reason');
    const revealed = RevealResponseSchema.parse(
      (await http().post(`/api/v1/registry/workers/${world.workerRecordId}/reveal`).set(staff.header).send({ reason: '核对社保缴纳信息' }).expect(200)).body,
    );
    expect(revealed.idNumber).toBe(world.registrations.worker.idNumber);
    const audit = AuditListSchema.parse((await http().get('/api/v1/audit').query({ action: 'reveal', targetId: world.workerRecordId }).set(admin.header).expect(200)).body);
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]).toMatchObject({ actorId: staff.subjectId, actorRole: 'staff', action: 'reveal', targetType: 'worker', targetId: world.workerRecordId, reason: '核对社保缴纳信息' });
    expect(JSON.stringify(audit.items)).not.toContain(revealed.idNumber);

    // Responses elsewhere stay masked.
    const me = await http().get('/api/v1/workers/me').set(worker.header).expect(200);
    expect(JSON.stringify(me.body)).not.toContain(world.registrations.worker.idNumber);

    // The logs, each collection (to name where a leak sits), then the data files once the engine has written and stopped.
    const found = findings(app.logs.raw.join('\n'), 'logs');
    const mongo = database.connection.db;
    if (!mongo) throw new Error('no database');
    for (const c of await mongo.listCollections({}, { nameOnly: true }).toArray()) {
      const docs = await mongo.collection(c.name).find({}).toArray();
      const text = docs.map((d) => JSON.stringify(d, (_k, v: unknown) => (v instanceof Buffer ? v.toString('latin1') : v))).join('\n');
      found.push(...findings(text, `collection ${c.name}`));
    }
    expect(app.logs.raw.length).toBeGreaterThan(10);
    await database.close();
    closed = true;
    const files = filesUnder(dir);
    expect(files.length).toBeGreaterThan(0);
    let bytes = 0;
    for (const f of files) {
      const content = readFileSync(f);
      bytes += content.length;
      found.push(...findings(content.toString('latin1'), f.slice(dir.length + 1)));
    }
    expect(bytes).toBeGreaterThan(10_000);
    expect([...new Set(found)]).toEqual([]);
  }, 120_000);
});
