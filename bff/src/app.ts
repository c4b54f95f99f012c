import { clientAddress } from './http/client-address';
import Koa from 'koa';
import { bodyParser } from '@koa/bodyparser';
import compress from 'koa-compress';
import { z } from 'zod';
import type { Config } from './config/env';
import type { Database } from './db/connection';
import type { Logger } from './logging/logger';
import type { AppState } from './http/context';
import { API_V1, buildRouter, methodNotAllowed } from './http/api-router';
import { errorHandler } from './http/error-handler';
import { NotFoundError } from './http/errors';
import { buildOpenApiDocument, documentedRoutes, type DocumentedRoute, type MountedGroup, type OpenApiDocument } from './http/openapi';
import { requestContext } from './http/request-id';
import { abuseLimits } from './http/rate-limit';
import { securityHeaders } from './http/security-headers';
import { COMPRESS_MIN_BYTES, routeGroup } from './http/route';
import { serveFonts, serveH5 } from './http/static-files';
import { createHealthRoutes } from './modules/health/health.routes';
import { createJobsModule } from './modules/jobs/jobs.module';
import { createJobReportsModule } from './modules/job-reports/job-reports.module';
import { createTrainingModule } from './modules/training/training.module';
import { registeredWorkerFacts, registeredWorkerProfiles } from './modules/jobs/worker-profile';
import { regionRoutes } from './modules/regions/regions.routes';
import { authentication } from './http/auth';
import { createAuthModule } from './modules/auth/auth.module';
import { createWorkersModule } from './modules/workers/workers.module';
import { createBrokersModule } from './modules/brokers/brokers.module';
import type { Clock } from './security/clock';
import { createComplaintsModule } from './modules/complaints/complaints.module';
import { createPesRoutes } from './integrations/pes/pes.routes';
import { pesUpstreamContext } from './integrations/pes/upstream-employment';
import { PesAdminService, type PesControls } from './integrations/pes/pes.service';
import { createStaffModule } from './modules/staff/staff.module';
import { createProgressRoutes } from './modules/applications/progress.routes';
import { AuditService } from './modules/audit/audit.service';
import { fieldKeyProbe } from './security/field-key-check';
import { sealingFreeText } from './security/sealed-text';

export interface AppDeps {
  config: Config;
  logger: Logger;
  db: Pick<Database, 'kind' | 'ping'>;
  /** Defaults to the system clock; tests move time with a manual one. */
  clock?: Clock;
  /** The running PES connector (main.ts starts it); absent in tests and when it is off. */
  pes?: PesControls;
}

/** The capability routers mounted under /api/v1. Add new modules here. */
export const apiModules = [regionRoutes];

const OpenApiDocumentSchema = z.looseObject({ openapi: z.string(), paths: z.record(z.string(), z.unknown()).optional() }).meta({
  id: 'OpenApiDocument',
});

const routesByApp = new WeakMap<Koa<AppState>, readonly DocumentedRoute[]>();

/** Every route the app serves, with its schemas (what /api/openapi.json documents). */
export function routesOf(app: Koa<AppState>): readonly DocumentedRoute[] {
  return routesByApp.get(app) ?? [];
}

/** Builds the Koa app; it never listens (main.ts does, tests use app.callback()). */
export function createApp(deps: AppDeps): Koa<AppState> {
  // X-Forwarded-For is read by clientAddress(), from configured proxies only (TRUSTED_PROXIES).
  const app = new Koa<AppState>({ proxy: false });

  let doc: OpenApiDocument | undefined;
  const docsRoutes = routeGroup({ prefix: '/api', tag: 'docs' });
  docsRoutes.get('/openapi.json', {
    auth: 'public',
    summary: 'OpenAPI 3.1 接口文档',
    response: { schema: OpenApiDocumentSchema },
    handler: () => {
      doc ??= buildOpenApiDocument(mounted, { title: '农牧民转移就业服务 API', version: '1.0.0' });
      return { ...doc };
    },
  });
  const security = createAuthModule(deps);
  const workers = createWorkersModule({ crypto: security.crypto, clock: security.clock });
  const brokers = createBrokersModule({ crypto: security.crypto, clock: security.clock, workers: workers.service, logger: deps.logger });
  const complaints = createComplaintsModule({ crypto: security.crypto, clock: security.clock, workers: registeredWorkerFacts(security.clock) });
  const staff = createStaffModule({ config: deps.config, logger: deps.logger, clock: security.clock, crypto: security.crypto, complaints: complaints.service, subsidies: brokers.subsidies });
  const jobReports = createJobReportsModule({ clock: security.clock, crypto: security.crypto, audit: new AuditService(security.clock), notices: staff.notices });
  const jobs = createJobsModule({ clock: security.clock, reports: jobReports.service, profiles: registeredWorkerProfiles, searchCache: deps.config.jobSearchCache });
  const training = createTrainingModule({ clock: security.clock });
  const mounted: MountedGroup[] = [
    { basePath: '', group: createHealthRoutes(deps.db, fieldKeyProbe(security.crypto)) },
    { basePath: '', group: docsRoutes },
    ...apiModules.map((group) => ({ basePath: API_V1, group })),
    ...security.routes.map((group) => ({ basePath: API_V1, group })),
    ...workers.routes.map((group) => ({ basePath: API_V1, group })),
    ...brokers.routes.map((group) => ({ basePath: API_V1, group })),
    ...complaints.routes.map((group) => ({ basePath: API_V1, group })),
    ...jobs.routes.map((group) => ({ basePath: API_V1, group })),
    ...jobReports.routes.map((group) => ({ basePath: API_V1, group })),
    ...training.routes.map((group) => ({ basePath: API_V1, group })),
    { basePath: API_V1, group: createPesRoutes(new PesAdminService({ enabled: deps.config.pes.enabled, clock: security.clock, controls: deps.pes, upstream: pesUpstreamContext(security.crypto, security.clock) })) },
    ...staff.routes.map((group) => ({ basePath: API_V1, group })),
    ...createProgressRoutes({ clock: security.clock, crypto: security.crypto, audit: new AuditService(security.clock), notifier: staff.notifier, subsidies: brokers.subsidies }).map((group) => ({ basePath: API_V1, group })),
  ];
  const router = buildRouter(mounted);
  routesByApp.set(app, documentedRoutes(mounted));

  app.use(clientAddress(deps.config.trustedProxies));
  app.use(requestContext(deps.logger));
  // JSON answers of 1 KB or more go compressed to clients that accept it (phones on a weak signal).
  app.use(compress({ threshold: COMPRESS_MIN_BYTES, filter: (type) => /json/i.test(type) }));
  app.use(securityHeaders(deps.config.h5Dir));
  app.use(errorHandler());
  app.use(async (ctx, next) => {
    await next();
    if (ctx.status === 404 && ctx.body === undefined) throw new NotFoundError();
  });
  app.use(serveFonts());
  app.use(serveH5(deps.config.h5Dir));
  app.use(bodyParser({ enableTypes: ['json'], jsonLimit: '1mb' }));
  app.use(sealingFreeText(security.crypto));
  app.use(authentication(security.auth));
  app.use(abuseLimits({ scale: deps.config.rateLimitScale, now: security.clock }));
  app.use(router.routes());
  app.use(methodNotAllowed(router));
  return app;
}
