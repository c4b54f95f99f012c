/** Wires find work: job search and detail, recommendations, applications and reports. */
import type { RouteGroup } from '../../http/route';
import type { Clock } from '../../security/clock';
import { ApplicationsService } from '../applications/applications.service';
import { createApplicationRoutes } from '../applications/applications.routes';
import { createJobRoutes } from './jobs.routes';
import type { JobReportsService } from '../job-reports/job-reports.service';
import { JobSearchCache } from './job-search-cache';
import type { WorkerProfileSource } from './recommendations';

export interface JobsModuleDeps {
  clock: Clock;
  /** Files job reports into the job's county queue. */
  reports: Pick<JobReportsService, 'file'>;
  /** The worker's job intention, mobility and home region; none until registration is wired. */
  profiles?: WorkerProfileSource;
  /** Public job search cache (config jobSearchCache); absent or ttlMs 0: off. */
  searchCache?: { ttlMs: number; maxEntries: number };
}

const noProfiles: WorkerProfileSource = { jobProfileOf: () => Promise.resolve(null) };

export function createJobsModule(deps: JobsModuleDeps): { routes: RouteGroup[]; applications: ApplicationsService } {
  const applications = new ApplicationsService(deps.clock);
  return {
    applications,
    routes: [
      createJobRoutes({
        clock: deps.clock,
        applications,
        reports: deps.reports,
        profiles: deps.profiles ?? noProfiles,
        // TTL on the app clock, so a test moving time also ages cached pages.
        searchCache: deps.searchCache ? new JobSearchCache({ ...deps.searchCache, now: () => deps.clock().getTime() }) : undefined,
      }),
      createApplicationRoutes(applications),
    ],
  };
}
