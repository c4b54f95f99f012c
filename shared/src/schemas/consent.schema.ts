import { z } from 'zod';
import { TimestampSchema } from './common.schema';

/**
 * A worker's consent under PIPL: the privacy notice (personal information) and, asked separately,
 * sensitive personal information (身份证号, 民族, 脱贫/残疾等困难情况). Each grant is recorded with
 * its time and the notice version it answered; a withdrawal keeps the record with its time.
 */
export const PRIVACY_NOTICE_VERSION = '2026-12-01';

export const ConsentPurposeSchema = z.enum(['personal_info', 'sensitive_info']);
export type ConsentPurpose = z.infer<typeof ConsentPurposeSchema>;

export const ConsentGrantSchema = z
  .object({
    /** The notice version the person read; an older one is refused (read the new one first). */
    noticeVersion: z.string().trim().min(1).max(20),
    purposes: z.array(ConsentPurposeSchema).min(1).max(2),
  })
  .strict()
  .meta({ id: 'ConsentGrant' });
export type ConsentGrant = z.input<typeof ConsentGrantSchema>;

export const ConsentPurposeParamsSchema = z.object({ purpose: ConsentPurposeSchema });

export const ConsentRecordSchema = z.object({
  purpose: ConsentPurposeSchema,
  noticeVersion: z.string(),
  grantedAt: TimestampSchema,
  withdrawnAt: TimestampSchema.nullable(),
});

export const MyConsentsSchema = z
  .object({
    /** The notice in force. */
    noticeVersion: z.string(),
    /** Consent in force for the current notice, by purpose. */
    current: z.object({ personal_info: z.boolean(), sensitive_info: z.boolean() }),
    /** Every grant, newest first. */
    history: z.array(ConsentRecordSchema),
  })
  .meta({ id: 'MyConsents' });
export type MyConsents = z.infer<typeof MyConsentsSchema>;
