import { z } from 'zod';

/** Every error code the API can answer. Clients switch on the code, never on the message. */
export const ErrorCodes = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'CONFLICT',
  'DUPLICATE',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'SERVICE_UNAVAILABLE',
  'UPSTREAM_FAILED',
  'INTERNAL',
] as const;
export const ErrorCodeSchema = z.enum(ErrorCodes);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

const MessageParamsSchema = z.record(z.string(), z.union([z.string(), z.number()]));

/** `message` is plain Chinese; `fields` maps a dotted input path to its Chinese problem. */
export const ErrorBodySchema = z
  .object({
    error: z.object({
      code: ErrorCodeSchema,
      message: z.string(),
      fields: z.record(z.string(), z.string()).optional(),
      requestId: z.string().optional(),
      /** The catalog key of `message` and its placeholder values: clients render it in the user's language. */
      messageKey: z.string().optional(),
      params: MessageParamsSchema.optional(),
      /** Catalog key (and values) of each entry in `fields`, for the same reason. */
      fieldKeys: z.record(z.string(), z.object({ key: z.string(), params: MessageParamsSchema.optional() })).optional(),
    }),
  })
  .meta({ id: 'ErrorBody' });
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
