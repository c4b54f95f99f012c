import { isMessageKey } from '../i18n';
import { messageKeyErrorMap, fieldMessages } from '../i18n/zod-messages';
import {
  EducationSchema,
  EmploymentStatusSchema,
  KeyGroupSchema,
  MobilitySchema,
  RegistrationOutcomeSchema,
  RegistrationSourceSchema,
  SexSchema,
  SkillLevelSchema,
  WorkLocationSchema,
  WorkerRegistrationInputSchema,
} from './worker.schema';

const minimal = {
  name: '扎西·次仁',
  idNumber: '11010519491231002x',
  ethnicity: '藏族',
  phone: '+86 138 0000 5678',
  education: 'primary',
  householdRegionCode: '540329100201',
  householdGroup: '一组',
  mobility: 'nearby_only',
  jobIntention: { wantsJob: true },
  trainingIntention: { wantsTraining: false },
  employment: { status: 'unemployed' },
};

describe('worker registration schema', () => {
  it('when every enum value is looked up in zh-CN, then each has a label key', () => {
    const enums: Array<[string, readonly string[]]> = [
      ['keyGroup', KeyGroupSchema.options],
      ['mobility', MobilitySchema.options],
      ['education', EducationSchema.options],
      ['workLocation', WorkLocationSchema.options],
      ['employmentStatus', EmploymentStatusSchema.options],
      ['skillLevel', SkillLevelSchema.options],
      ['sex', SexSchema.options],
      ['registrationSource', RegistrationSourceSchema.options],
      ['registrationOutcome', RegistrationOutcomeSchema.options],
    ];
    const missing = enums.flatMap(([prefix, values]) => values.map((v) => `${prefix}.${v}`)).filter((k) => !isMessageKey(k));
    expect(missing).toEqual([]);
  });

  it('when a minimal form is parsed, then numbers are normalized and lists default to empty', () => {
    const parsed = WorkerRegistrationInputSchema.parse(minimal);
    expect(parsed.idNumber).toBe('11010519491231002X');
    expect(parsed.phone).toBe('13800005678');
    expect(parsed.keyGroups).toEqual([]);
    expect(parsed.jobIntention).toEqual({ wantsJob: true, trades: [], locations: [], expectedMonthlyPayFen: null });
    expect(parsed.employment.destination).toBeNull();
    expect(parsed.entrepreneurship).toEqual({ active: false });
  });

  it('when an unknown or operator-like key is sent, then it is refused, not stored', () => {
    const r = WorkerRegistrationInputSchema.safeParse({ ...minimal, $where: 'x', 'a.b': 1 }, { error: messageKeyErrorMap });
    expect(r.success).toBe(false);
    if (!r.success) expect(fieldMessages(r.error.issues)['']).toContain('包含不认识的项');
  });

  it('when the same key group is ticked twice, then the field says so', () => {
    const r = WorkerRegistrationInputSchema.safeParse({ ...minimal, keyGroups: ['veteran', 'veteran'] }, { error: messageKeyErrorMap });
    expect(r.success).toBe(false);
    if (!r.success) expect(fieldMessages(r.error.issues).keyGroups).toBe('有重复的选项');
  });
});
