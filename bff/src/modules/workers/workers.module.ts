import type { RouteGroup } from '../../http/route';
import type { Clock } from '../../security/clock';
import type { FieldCrypto } from '../../security/field-crypto';
import { createWorkerRoutes } from './workers.routes';
import { WorkerService } from './workers.service';

export function createWorkersModule(deps: { crypto: FieldCrypto; clock: Clock }): { service: WorkerService; routes: RouteGroup[] } {
  const service = new WorkerService(deps);
  return { service, routes: [createWorkerRoutes(service)] };
}
