/** Wires the complaints capability: service and routes. */
import type { RouteGroup } from '../../http/route';
import type { Clock } from '../../security/clock';
import { ComplaintsService, type BankCardSealer, type WorkerFactsSource } from './complaints.service';
import { createComplaintRoutes } from './complaints.routes';

export interface ComplaintsModuleDeps {
  crypto: BankCardSealer;
  clock: Clock;
  /** Age and household region of the worker filing; none until registration is wired. */
  workers?: WorkerFactsSource;
}

const noWorkerFacts: WorkerFactsSource = { factsOf: () => Promise.resolve(null) };

export function createComplaintsModule(deps: ComplaintsModuleDeps): { service: ComplaintsService; routes: RouteGroup[] } {
  const service = new ComplaintsService({ crypto: deps.crypto, clock: deps.clock, workers: deps.workers ?? noWorkerFacts });
  return { service, routes: [createComplaintRoutes(service)] };
}
