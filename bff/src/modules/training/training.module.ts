/** Wires free training: catalog, sign-up, cancel, my courses. */
import type { RouteGroup } from '../../http/route';
import type { Clock } from '../../security/clock';
import { TrainingService } from './training.service';
import { createTrainingRoutes } from './training.routes';

export function createTrainingModule(deps: { clock: Clock }): { service: TrainingService; routes: RouteGroup[] } {
  const service = new TrainingService(deps.clock);
  return { service, routes: createTrainingRoutes(service) };
}
