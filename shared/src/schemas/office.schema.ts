import { z } from 'zod';

/**
 * Kinds of office a case can be with. labor_dispute: a county's 劳动保障监察/仲裁院 (the intake office of wage
 * complaints). Each kind has the catalog key `complaint.officeKind.<kind>` ("{region} 劳动保障监察/仲裁院").
 */
export const OfficeKinds = ['labor_dispute'] as const;
export const OfficeKindSchema = z.enum(OfficeKinds);
export type OfficeKind = z.infer<typeof OfficeKindSchema>;

/** An office as a code: its kind and its county. Clients compose the name in the reader's language. */
export const OfficeRefSchema = z
  .object({
    kind: OfficeKindSchema,
    /** The county (6 digits). */
    regionCode: z.string(),
    /** The county's Chinese name, shown where the reader's language has no name for it. */
    regionName: z.string(),
  })
  .meta({ id: 'OfficeRef' });
export type OfficeRef = z.infer<typeof OfficeRefSchema>;
