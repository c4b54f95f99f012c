import { ErrorBodySchema, HealthResponseSchema, ReadyResponseSchema } from '@zhuanyi/shared';
import { startTestDb } from '../../test-support/test-db';
import { testApp } from '../../test-support/test-app';

describe('health checks', () => {
  it('when the database answers, then /healthz is ok and /readyz is ready', async () => {
    const db = await startTestDb();
    try {
      const { http } = testApp(db.database);
      expect(HealthResponseSchema.parse((await http().get('/healthz').expect(200)).body)).toEqual({ status: 'ok' });
      const ready = ReadyResponseSchema.parse((await http().get('/readyz').expect(200)).body);
      expect(ready).toEqual({ status: 'ready', database: db.database.kind });
    } finally {
      await db.stop();
    }
  });

  it('when the database is gone, then /healthz still answers and /readyz is 503 SERVICE_UNAVAILABLE', async () => {
    const db = await startTestDb();
    const { http } = testApp(db.database);
    await db.stop();
    await http().get('/healthz').expect(200);
    const res = await http().get('/readyz').expect(503);
    expect(ErrorBodySchema.parse(res.body).error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: '服务暂时不可用，请稍后再试' });
  });

  it('when FIELD_ENCRYPTION_KEY is not the key the stored data was sealed with, then /readyz is 503', async () => {
    const db = await startTestDb();
    try {
      await testApp(db.database).http().get('/readyz').expect(200); // the first start writes the key check record
      const wrong = testApp(db.database, { fieldEncryptionKey: Buffer.from('b1d3f5a7c9e0b2d4f6a8c0e1f3a5b7d9c2e4f6a8b0d1e3f5a7c9e2b4d6f8a0c1', 'hex') });
      const res = await wrong.http().get('/readyz').expect(503);
      expect(ErrorBodySchema.parse(res.body).error.code).toBe('SERVICE_UNAVAILABLE');
      await testApp(db.database).http().get('/readyz').expect(200);
    } finally {
      await db.stop();
    }
  });
});
