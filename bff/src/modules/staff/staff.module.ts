/** Wires the staff console: audit trail, notifications and job alerts, intake, registry, publishing, watch, reports. */
import type { Config } from '../../config/env';
import type { Logger } from '../../logging/logger';
import type { RouteGroup } from '../../http/route';
import type { Clock } from '../../security/clock';
import type { FieldCrypto } from '../../security/field-crypto';
import { Notifier } from '../../integrations/notify/notifier';
import { AuditService } from '../audit/audit.service';
import { createAuditRoutes } from '../audit/audit.routes';
import type { ComplaintsService } from '../complaints/complaints.service';
import { IntakeService } from '../complaints/intake.service';
import { CaseNoticeSender } from '../complaints/case-notices';
import { JobAlertSweep } from '../job-alerts/job-alert-sweep';
import { createJobAlertRoutes } from '../job-alerts/job-alerts.routes';
import { JobAlertService } from '../job-alerts/job-alerts.service';
import { ReportService } from '../reports/report.service';
import { onWorkerChanged } from '../workers/worker.model';
import { OutcomeService } from '../outcomes/outcomes.service';
import { createOutcomeRoutes } from '../outcomes/outcomes.routes';
import { AccountsAdminService } from './accounts-admin.service';
import { PublishingService } from './publishing.service';
import { RegistryService } from './registry.service';
import { createStaffRoutes } from './staff.routes';
import { FollowUpService } from '../watch/follow-up.service';
import { createWatchRoutes } from '../watch/watch.routes';
import { WatchSweep } from '../watch/watch-sweep';
import { WatchService } from '../watch/watch.service';
import { onWorkersBatchSaved } from '../workers/worker.model';
import { clearStaleVerifications } from '../workers/verified-facts';
import type { SubsidyService } from '../subsidies/subsidies.service';

export interface StaffModuleDeps {
  config: Config;
  logger: Logger;
  clock: Clock;
  crypto: FieldCrypto;
  complaints: ComplaintsService;
  /** The subsidy ledger: an arrival staff confirm with the trip's distance and mode may earn a transport grant. */
  subsidies?: SubsidyService;
}

export function createStaffModule(deps: StaffModuleDeps): {
  routes: RouteGroup[];
  intake: IntakeService;
  watch: WatchService;
  notifier: Notifier;
  notices: CaseNoticeSender;
  alertSweep: JobAlertSweep;
} {
  const { config, clock } = deps;
  const audit = new AuditService(clock);
  const { appId, secret, baseUrl } = config.wechat;
  const notifier = new Notifier({
    ...(appId && secret ? { wechat: { baseUrl, appId, secret } } : {}),
    ...(config.sms.baseUrl ? { sms: { baseUrl: config.sms.baseUrl, apiKey: config.sms.apiKey ?? '', signName: config.sms.signName } } : {}),
    logger: deps.logger,
    clock,
  });
  const followUps = new FollowUpService({ clock, audit });
  const watch = new WatchService(clock, followUps);
  const sweep = new WatchSweep({ clock, watch });
  const subsidies = deps.subsidies;
  const outcomes = new OutcomeService({ clock, audit, ...(subsidies ? { onArrival: (w, arrival) => subsidies.syncArrival(w._id, arrival, deps.crypto) } : {}) });
  onWorkerChanged(async (id) => {
    await clearStaleVerifications([id]);
    await watch.recompute(id);
  });
  // Imported people get their color (and their history entry) at once.
  onWorkersBatchSaved(async (rows) => {
    await clearStaleVerifications(rows.map((r) => r._id));
    await watch.recomputeMany(rows.map((r) => r._id));
    await outcomes.fromRegistrations(rows, 'import', 'import');
  });
  // Case notices wait in the outbox; this sender delivers them after each step and each minute (tests sweep themselves).
  const background = config.nodeEnv !== 'test';
  const notices = new CaseNoticeSender({ notifier, crypto: deps.crypto, background, onError: (err) => deps.logger.warn({ err }, 'notice sweep failed') });
  const intake = new IntakeService({ complaints: deps.complaints, crypto: deps.crypto, clock, audit, notices, onWorkerCase: (id) => watch.recompute(id) });
  if (background) {
    setInterval(() => {
      intake.retryNotifications().catch((err: unknown) => deps.logger.warn({ err }, 'notification retry sweep failed'));
    }, 60_000).unref();
    // The watch sweep: each county once a day, under a lease (checked every 10 minutes).
    const runSweep = () => {
      sweep.runDue().catch((err: unknown) => deps.logger.warn({ err }, 'watch sweep failed'));
    };
    setTimeout(runSweep, 30_000).unref();
    setInterval(runSweep, 10 * 60_000).unref();
  }
  // Job alerts: matched after each published job and every few minutes, sent through the notice outbox.
  const alerts = new JobAlertService(clock);
  const alertSweep = new JobAlertSweep({ clock, wakeSender: () => notices.wake() });
  const wakeAlerts = () => {
    if (background) alertSweep.wake((err) => deps.logger.warn({ err }, 'job alert sweep failed'));
  };
  if (background) {
    setTimeout(wakeAlerts, 30_000).unref();
    setInterval(wakeAlerts, 5 * 60_000).unref();
  }
  const registry = new RegistryService({ crypto: deps.crypto, clock, audit, watch, outcomes });
  const publishing = new PublishingService({ clock, audit, registry, notices, onJobPublished: wakeAlerts });
  const reports = new ReportService(clock);
  const accounts = new AccountsAdminService(audit, deps.crypto);
  return {
    routes: [createAuditRoutes(audit), createJobAlertRoutes(alerts), ...createStaffRoutes({ clock, audit, accounts, intake, registry, publishing, watch, reports }), createOutcomeRoutes(outcomes), createWatchRoutes({ watch, followUps, sweep })],
    intake,
    watch,
    notifier,
    notices,
    alertSweep,
  };
}
