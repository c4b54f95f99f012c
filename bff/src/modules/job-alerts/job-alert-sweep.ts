/**
 * Sends job alerts: for each alert not yet sent today (Asia/Shanghai), the open jobs of its trades
 * and places created since its watermark; when there are any, one digest goes into the outbox
 * (notification_retries, delivered by the case notice sender: WeChat, else SMS, with retries).
 * Runs every few minutes and right after a job is published. The alert is claimed (day and
 * watermark moved) before its notice is queued, so two sweeps never send the same day's digest twice.
 */
import { Types } from 'mongoose';
import { chinaDateOf, t } from '@zhuanyi/shared';
import type { Clock } from '../../security/clock';
import { queueCaseNotice } from '../../integrations/notify/notifier';
import { Job, type JobRecord } from '../jobs/job.model';
import { JobAlertModel, type JobAlertRecord } from './job-alert.model';

export interface AlertSweepRun {
  checked: number;
  queued: number;
}

/** Open jobs of the alert's trades and places created after its watermark, newest first. */
export async function matchingJobs(a: Pick<JobAlertRecord, 'trades' | 'regionCodes' | 'since'>, limit = 20): Promise<JobRecord[]> {
  return Job.find({
    status: 'open',
    trade: { $in: a.trades },
    createdAt: { $gt: a.since },
    ...(a.regionCodes.length > 0 ? { regionPath: { $in: a.regionCodes } } : {}),
  })
    .sort({ createdAt: -1, _id: -1 })
    .limit(limit)
    .lean<JobRecord[]>()
    .exec();
}

export class JobAlertSweep {
  private running: Promise<AlertSweepRun> | null = null;

  constructor(private readonly deps: { clock: Clock; wakeSender: () => void; batch?: number }) {}

  async run(): Promise<AlertSweepRun> {
    const now = this.deps.clock();
    const today = chinaDateOf(now);
    const run: AlertSweepRun = { checked: 0, queued: 0 };
    let after: Types.ObjectId | null = null;
    for (;;) {
      const page: JobAlertRecord[] = await JobAlertModel.find({ lastSentDay: { $ne: today }, ...(after ? { _id: { $gt: after } } : {}) })
        .sort({ _id: 1 })
        .limit(this.deps.batch ?? 200)
        .lean<JobAlertRecord[]>()
        .exec();
      if (page.length === 0) break;
      for (const a of page) {
        run.checked += 1;
        const jobs = await matchingJobs(a);
        const first = jobs[0];
        if (!first) continue;
        const noticeId = new Types.ObjectId().toHexString();
        const text = jobs.length === 1 ? t('jobAlert.notice.one', { title: first.title }) : t('jobAlert.notice.many', { count: jobs.length, title: first.title });
        const claimed = await JobAlertModel.findOneAndUpdate(
          { _id: a._id, lastSentDay: a.lastSentDay ?? null, since: a.since },
          { $set: { lastSentDay: today, since: now, lastNoticeId: noticeId, lastNoticeAt: now, lastNoticeText: text } },
        ).exec();
        if (!claimed) continue;
        await queueCaseNotice(
          { complaintId: noticeId, subjectId: a.subjectId, caseNumber: first.title, step: text, page: jobs.length === 1 ? `pages/job-detail/index?id=${first._id.toHexString()}` : 'pages/jobs/index', template: 'job' },
          now,
        );
        run.queued += 1;
      }
      after = page[page.length - 1]?._id ?? null;
    }
    if (run.queued > 0) this.deps.wakeSender();
    return run;
  }

  /** After a job is published, and on a timer: one sweep at a time; errors go to `onError`. */
  wake(onError: (err: unknown) => void): void {
    if (this.running) return;
    setImmediate(() => {
      this.running = this.run();
      this.running.catch(onError).finally(() => {
        this.running = null;
      });
    });
  }
}
