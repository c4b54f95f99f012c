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
});
