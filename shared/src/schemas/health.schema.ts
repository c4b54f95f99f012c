import { z } from 'zod';

export const HealthResponseSchema = z.object({ status: z.literal('ok') }).meta({ id: 'Health' });
export type HealthResponse = z.infer<typeof HealthResponseSchema>;

export const ReadyResponseSchema = z
  .object({
    status: z.literal('ready'),
    database: z.enum(['mongodb', 'embedded']),
  })
  .meta({ id: 'Ready' });
export type ReadyResponse = z.infer<typeof ReadyResponseSchema>;
