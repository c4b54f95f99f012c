import { BrokerProfileSchema, type BrokerApplicationInput, type BrokerProfile } from '@zhuanyi/shared';
import { ApiError } from '@/services/errors';
import { http } from '@/services/http';

/** The worker's own broker application, or null before applying. Main package: keep small. */
export async function getMyBrokerApplication(): Promise<BrokerProfile | null> {
  try {
    return await http.get('/brokers/applications/me', BrokerProfileSchema);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

export const applyAsBroker = (input: BrokerApplicationInput, idempotencyKey: string): Promise<BrokerProfile> =>
  http.request({ method: 'POST', path: '/brokers/applications', body: input, schema: BrokerProfileSchema, idempotencyKey });
