import { z } from 'zod';
import { exampleIdNumber, normalizeIdNumber, parseIdNumber } from '../domain/id-card';
import { checkMobilePhone, normalizeMobilePhone } from '../domain/phone';
import { checkPersonName, normalizePersonName } from '../domain/person-name';
import { regionLevelOf, type RegionLevel } from '../domain/region-code';

/**
 * Field schemas built from the domain rules. Messages are i18n keys (see i18n/zh-CN.ts);
 * clients and the BFF turn them into text with `t()` / `issueText()`.
 */

export const IdNumberSchema = z
  .string()
  .overwrite(normalizeIdNumber)
  .superRefine((value, ctx) => {
    const r = parseIdNumber(value);
    if (!r.valid) ctx.addIssue({ code: 'custom', message: `validation.idNumber.${r.problem}` });
  })
  .meta({ description: '身份证号（18位，末位可为X）', example: exampleIdNumber('15050219900101123') });

export const MobilePhoneSchema = z
  .string()
  .overwrite(normalizeMobilePhone)
  .superRefine((value, ctx) => {
    const problem = checkMobilePhone(value);
    if (problem) ctx.addIssue({ code: 'custom', message: `validation.phone.${problem}` });
  })
  .meta({ description: '手机号码', example: '13800005678' });

export const PersonNameSchema = z
  .string()
  .overwrite(normalizePersonName)
  .superRefine((value, ctx) => {
    const problem = checkPersonName(value);
    if (problem) ctx.addIssue({ code: 'custom', message: `validation.personName.${problem}` });
  })
  .meta({ description: '姓名（汉字，少数民族姓名用·分隔，最多30字）', example: '阿卜杜热合曼·买买提艾力' });

const levelMessage: Partial<Record<RegionLevel, string>> = {
  county: 'validation.regionCode.county',
  township: 'validation.regionCode.township',
  village: 'validation.regionCode.village',
};

/** A region code of exactly one level (format only; existence is checked by the regions service). */
export function regionCodeOf(level: RegionLevel) {
  return z
    .string()
    .trim()
    .refine((v) => regionLevelOf(v) === level, { message: levelMessage[level] ?? 'validation.regionCode.format' });
}

export const RegionCodeSchema = z
  .string()
  .trim()
  .refine((v) => regionLevelOf(v) !== null, { message: 'validation.regionCode.format' })
  .meta({ description: '行政区划代码：省2位、市4位、县6位、乡镇9位、村12位', example: '150502' });
export const CountyCodeSchema = regionCodeOf('county');
export const TownshipCodeSchema = regionCodeOf('township');
export const VillageCodeSchema = regionCodeOf('village');

export const ObjectIdSchema = z
  .string()
  .regex(/^[0-9a-f]{24}$/i, { message: 'validation.objectId' })
  .meta({ description: '24位十六进制编号', example: '665f1c2e9b1e8a0012345678' });

/** ISO-8601 UTC timestamp as sent over the wire. */
export const TimestampSchema = z.string().datetime();

/** Money in integer fen (1 yuan = 100 fen). */
export const FenSchema = z.number().int().nonnegative();

export const RoleSchema = z.enum(['worker', 'broker', 'staff', 'intake', 'admin']);
export type Role = z.infer<typeof RoleSchema>;

/**
 * Free text a person types (notes, reasons, records, addresses, group names). The BFF seals any
 * 身份证号, phone or bank card number found in a field registered here before it is stored, and
 * masks it in every answer (bff/src/security/sealed-text.ts). Register the finished string schema:
 * `sealedText(z.string().trim().max(200))`; wrappers (`.optional()`, `.default()`) may follow.
 */
export const personalFreeText = z.registry<{ sealed: true }, z.ZodString>();
export function sealedText<T extends z.ZodString>(schema: T): T {
  personalFreeText.add(schema, { sealed: true });
  return schema;
}
