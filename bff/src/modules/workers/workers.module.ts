import type { RouteGroup } from '../../http/route';
import type { Clock } from '../../security/clock';
import type { FieldCrypto } from '../../security/field-crypto';
import { createConsentRoutes } from '../consents/consents.routes';
import { ConsentService } from '../consents/consents.service';
import { createWorkerRoutes } from './workers.routes';
import { WorkerService } from './workers.service';

export function createWorkersModule(deps: { crypto: FieldCrypto; clock: Clock }): { service: WorkerService; routes: RouteGroup[] } {
  const consents = new ConsentService(deps.clock);
  const service = new WorkerService({ ...deps, consents });
  return { service, routes: [createWorkerRoutes(service), createConsentRoutes(consents)] };
}
