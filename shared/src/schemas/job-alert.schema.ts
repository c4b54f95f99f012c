import { z } from 'zod';
import { RegionCodeSchema, TimestampSchema } from './common.schema';

/**
 * Job alerts: a worker is told about new jobs (staff-published or synced from the public
 * employment service) of their wished trades and places, at most once a day: by WeChat subscribe
 * message when they allowed it in the mini-program, else by SMS.
 */
export const JobAlertChannelSchema = z.enum(['wechat', 'sms']);
export type JobAlertChannel = z.infer<typeof JobAlertChannelSchema>;

/** The WeChat subscribe-message template of job notices (岗位上新提醒), registered in the WeChat admin console; the weapp asks for it and the BFF sends with it. */
export const JOB_NOTICE_TEMPLATE_ID = 'job-notice';

export const JOB_ALERT_MAX_TRADES = 5;
export const JOB_ALERT_MAX_PLACES = 3;

export const JobAlertInputSchema = z
  .object({
    /** Trades to watch; left out: the wished trades of the worker's registration. */
    trades: z.array(z.string().trim().min(1).max(20)).min(1, { message: 'validation.jobAlert.trades' }).max(JOB_ALERT_MAX_TRADES).optional(),
    /** Places (province to county codes) to watch; left out: from the registration (home county / province), empty: anywhere. */
    regionCodes: z.array(RegionCodeSchema).max(JOB_ALERT_MAX_PLACES).optional(),
    /** The person allowed WeChat subscribe messages just now (weapp); otherwise SMS. */
    wechatAccepted: z.boolean().default(false),
  })
  .strict()
  .meta({ id: 'JobAlertInput' });
export type JobAlertInput = z.input<typeof JobAlertInputSchema>;

export const JobAlertSchema = z
  .object({
    trades: z.array(z.string()),
    /** Empty: anywhere. */
    places: z.array(z.object({ code: z.string(), name: z.string() })),
    channel: JobAlertChannelSchema,
    createdAt: TimestampSchema,
    /** The last notice sent (at most one a day). */
    lastNotice: z.object({ at: TimestampSchema, text: z.string(), delivered: z.boolean() }).nullable(),
  })
  .meta({ id: 'JobAlert' });
export type JobAlert = z.infer<typeof JobAlertSchema>;

export const MyJobAlertSchema = z.object({ alert: JobAlertSchema.nullable() }).meta({ id: 'MyJobAlert' });
export type MyJobAlert = z.infer<typeof MyJobAlertSchema>;
