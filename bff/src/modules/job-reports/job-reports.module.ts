/** Wires job reports: filing (through the jobs routes), the worker's list, the staff queue. */
import type { RouteGroup } from '../../http/route';
import { JobReportsService, type JobReportsDeps } from './job-reports.service';
import { createJobReportRoutes } from './job-reports.routes';

export function createJobReportsModule(deps: JobReportsDeps): { service: JobReportsService; routes: RouteGroup[] } {
  const service = new JobReportsService(deps);
  return { service, routes: createJobReportRoutes(service) };
}
