/**
 * A worker's job alert: subscribe (trades and places, by default those of their registration),
 * see it with the last notice sent, stop it. Subscribing again keeps the watermark and the
 * once-a-day limit, so a retried or repeated subscribe never sends twice.
 */
import { regionCodePath, type JobAlertInput, type MyJobAlert } from '@zhuanyi/shared';
import type { z } from 'zod';
import type { JobAlertInputSchema } from '@zhuanyi/shared';
import type { AuthContext } from '../../http/auth';
import { ValidationError } from '../../http/errors';
import { isDuplicateKeyError } from '../../http/error-handler';
import type { Clock } from '../../security/clock';
import { NotificationRetryModel } from '../../integrations/notify/notifier';
import { regionFullName } from '../regions/regions.service';
import { registrationOf } from '../jobs/worker-profile';
import type { WorkerRecord } from '../workers/worker.model';
import { JobAlertModel, type JobAlertRecord } from './job-alert.model';

type Input = z.output<typeof JobAlertInputSchema>;

/** The places a registration's wished work locations mean: the home county, the home province, or anywhere. */
export function placesOfRegistration(w: Pick<WorkerRecord, 'household' | 'jobIntention'>): string[] {
  const locations = w.jobIntention.locations;
  if (locations.length === 0 || locations.includes('out_of_province')) return [];
  const [province] = regionCodePath(w.household.countyCode);
  if (locations.includes('in_province')) return province ? [province] : [];
  return [w.household.countyCode];
}

export class JobAlertService {
  constructor(private readonly clock: Clock) {}

  private async view(a: JobAlertRecord | null): Promise<MyJobAlert> {
    if (!a) return { alert: null };
    const sent = a.lastNoticeId ? await NotificationRetryModel.findOne({ complaintId: a.lastNoticeId }, { state: 1 }).lean().exec() : null;
    return {
      alert: {
        trades: [...a.trades],
        places: a.regionCodes.map((code) => ({ code, name: regionFullName(code) ?? code })),
        channel: a.channel as 'wechat' | 'sms',
        createdAt: a.createdAt.toISOString(),
        lastNotice: a.lastNoticeAt && a.lastNoticeText ? { at: a.lastNoticeAt.toISOString(), text: a.lastNoticeText, delivered: sent?.state === 'delivered' } : null,
      },
    };
  }

  async mine(auth: AuthContext): Promise<MyJobAlert> {
    return this.view(await JobAlertModel.findOne({ subjectId: auth.subjectId }).lean<JobAlertRecord>().exec());
  }

  async subscribe(auth: AuthContext, input: Input | JobAlertInput): Promise<MyJobAlert> {
    const registration = input.trades && input.regionCodes ? null : await registrationOf(auth);
    const trades = input.trades ?? registration?.jobIntention.trades ?? [];
    if (trades.length === 0) throw new ValidationError({ trades: 'validation.jobAlert.trades' });
    const regionCodes = input.regionCodes ?? (registration ? placesOfRegistration(registration) : []);
    const now = this.clock();
    const upsert = () => JobAlertModel.findOneAndUpdate(
      { subjectId: auth.subjectId },
      {
        $set: { trades: [...new Set(trades)].slice(0, 5), regionCodes: [...new Set(regionCodes)], channel: input.wechatAccepted ? 'wechat' : 'sms' },
        $setOnInsert: { createdAt: now, since: now, lastSentDay: null },
      },
      { upsert: true, returnDocument: 'after' },
    )
      .lean<JobAlertRecord>()
      .exec();
    // Two first subscribes at once: the unique index lets one insert; the other updates it.
    const saved = await upsert().catch((err: unknown) => (isDuplicateKeyError(err) ? upsert() : Promise.reject(err)));
    return this.view(saved);
  }

  async stop(auth: AuthContext): Promise<MyJobAlert> {
    await JobAlertModel.deleteOne({ subjectId: auth.subjectId }).exec();
    return { alert: null };
  }
}
