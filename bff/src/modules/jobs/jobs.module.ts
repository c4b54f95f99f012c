/** Wires find work: job search and detail, recommendations, applications and reports. */
import type { RouteGroup } from '../../http/route';
import type { Clock } from '../../security/clock';
import { ApplicationsService } from '../applications/applications.service';
import { createApplicationRoutes } from '../applications/applications.routes';
import { createJobRoutes } from './jobs.routes';
import type { WorkerProfileSource } from './recommendations';

export interface JobsModuleDeps {
  clock: Clock;
  /** The worker's job intention, mobility and home region; none until registration is wired. */
  profiles?: WorkerProfileSource;
}

const noProfiles: WorkerProfileSource = { jobProfileOf: () => Promise.resolve(null) };

export function createJobsModule(deps: JobsModuleDeps): { routes: RouteGroup[]; applications: ApplicationsService } {
  const applications = new ApplicationsService(deps.clock);
  return {
    applications,
    routes: [createJobRoutes({ clock: deps.clock, applications, profiles: deps.profiles ?? noProfiles }), createApplicationRoutes(applications)],
  };
}
