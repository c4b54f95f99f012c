import type { RouteGroup } from '../../http/route';
import type { Clock } from '../../security/clock';
import type { FieldCrypto } from '../../security/field-crypto';
import { createOwnershipConflictRoutes, createWorkerRoutes } from './workers.routes';
import { OwnershipConflictsService } from './ownership-conflicts.service';
import { AuditService } from '../audit/audit.service';
import { WorkerService } from './workers.service';

export function createWorkersModule(deps: { crypto: FieldCrypto; clock: Clock }): { service: WorkerService; routes: RouteGroup[] } {
  const service = new WorkerService(deps);
  const conflicts = new OwnershipConflictsService(deps, new AuditService(deps.clock));
  return { service, routes: [createWorkerRoutes(service), createOwnershipConflictRoutes(conflicts)] };
}
