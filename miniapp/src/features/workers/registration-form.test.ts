import { buildRegion, buildWorkerView, FILLED_IDENTITY } from '../../../test/factories';
import {
  EMPTY_REGISTRATION,
  fieldForPath,
  firstStepWithError,
  idNumberFacts,
  mapFieldErrors,
  registrationValuesOf,
  stepErrors,
  toRegistrationInput,
  validateRegistration,
  type RegistrationValues,
} from './registration-form';

const village = [
  buildRegion('15', '内蒙古自治区', 'province', null),
  buildRegion('1505', '通辽市', 'city', '15'),
  buildRegion('150521', '科尔沁左翼中旗', 'county', '1505'),
  buildRegion('150521100', '保康镇', 'township', '150521'),
  buildRegion('150521100201', '保南村', 'village', '150521100'),
];

function completeRegistration(overrides: Partial<RegistrationValues> = {}): RegistrationValues {
  return {
    ...EMPTY_REGISTRATION,
    name: '阿卜杜热合曼·买买提艾力',
    idNumber: '15052119850615003x',
    ethnicity: '维吾尔族',
    phone: '139 0000 1234',
    education: 'junior',
    householdPath: village,
    householdGroup: '三组',
    mobility: 'can_travel_far',
    employmentStatus: 'unemployed',
    entrepreneurActive: false,
    skills: ['电焊工'],
    wantsJob: true,
    jobTrades: ['电焊工'],
    jobLocations: ['out_of_province'],
    expectedPayYuan: '6,500.5',
    wantsTraining: false,
    ...overrides,
  };
}

describe('registration form', () => {
  it('when every step is filled, then the shared schema accepts it and pay is sent as integer fen', () => {
    const result = validateRegistration(completeRegistration());
    expect(result.ok).toBe(true);
    const body = toRegistrationInput(completeRegistration());
    expect(body.householdRegionCode).toBe('150521100201');
    expect(body.jobIntention).toMatchObject({ expectedMonthlyPayFen: 650050, trades: ['电焊工'] });
    expect(body.skills).toEqual([{ trade: '电焊工', level: 'none' }]);
  });

  it('when the form is empty, then each required field gets plain Chinese next to it and the first step is shown', () => {
    const result = validateRegistration(EMPTY_REGISTRATION);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.name).toBe('此项必须填写');
    expect(result.errors.idNumber).toBe('此项必须填写');
    expect(result.errors.household).toBe('此项必须填写');
    expect(result.errors.mobility).toBe('请从给定的选项中选择');
    expect(result.errors.wantsJob).toBe('此项必须填写');
    expect(firstStepWithError(result.errors)).toBe(0);
  });

  it('when the ID checksum or the pay is wrong, then the domain message sits on that field only', () => {
    const errors = stepErrors(completeRegistration({ idNumber: '150521198506150037' }), 0);
    expect(errors).toEqual({ idNumber: '身份证号校验位不对，请核对后重新填写' });
    const pay = validateRegistration(completeRegistration({ expectedPayYuan: '六千' }));
    expect(pay.ok).toBe(false);
    if (!pay.ok) expect(pay.errors.expectedPay).toBe('请填写金额（元），最多两位小数');
  });

  it('when the household stops above a village, then it asks for the village', () => {
    const result = validateRegistration(completeRegistration({ householdPath: village.slice(0, 4) }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.household).toBe('请选择到村（嘎查、社区）');
  });

  it('when the server answers fields by input path, then each lands on its form field and step', () => {
    expect(fieldForPath('householdRegionCode')).toBe('household');
    expect(fieldForPath('jobIntention.trades.0')).toBe('jobTrades');
    expect(fieldForPath('jobIntention.expectedMonthlyPayFen')).toBe('expectedPay');
    expect(fieldForPath('employment.destination')).toBe('destination');
    expect(fieldForPath('somethingElse')).toBe('form');
    const errors = mapFieldErrors({ householdRegionCode: '没有找到这个村，请重新选择', 'trainingIntention.trades.1': '最多 20 个字' });
    expect(errors).toEqual({ household: '没有找到这个村，请重新选择', trainingTrades: '最多 20 个字' });
    expect(firstStepWithError(errors)).toBe(1);
  });

  it('when a valid ID number is typed, then birth date, age and sex are derived', () => {
    expect(idNumberFacts('15052119850615003X', '2026-06-14')).toEqual({ birthDate: '1985-06-15', age: 40, sex: 'male' });
    expect(idNumberFacts('15052119850615003X', '2026-06-15')?.age).toBe(41);
    expect(idNumberFacts('15052119850615')).toBeNull();
  });
});

describe('the form filled in from a stored record (修改登记信息)', () => {
  const stored = buildWorkerView({
    skills: [{ trade: '电焊工', level: 'level4' }, { trade: '挖掘机司机', level: 'level4' }],
    certificates: [{ name: '焊工证' }, { name: '叉车证' }],
    keyGroups: ['lifted_from_poverty'],
    jobIntention: { wantsJob: true, trades: ['电焊工'], locations: ['out_of_province'], expectedMonthlyPayFen: 650_050 },
    employment: { status: 'employed', destination: { location: 'out_of_province', regionCode: '310115', employerName: '上海某厂', startedOn: '2026-06-04', organizedByGovernment: true } },
  });

  it('when a record is opened for editing, then every field is filled in except the masked phone, and chips and free text are split as the form holds them', () => {
    const v = registrationValuesOf(stored, village);
    expect(v).toMatchObject({
      name: '巴特尔',
      idNumber: '',
      phone: '',
      householdPath: village,
      householdGroup: '三组',
      keyGroups: ['lifted_from_poverty'],
      employmentStatus: 'employed',
      destinationLocation: 'out_of_province',
      destinationEmployer: '上海某厂',
      organizedByGovernment: true,
      skills: ['电焊工'],
      otherSkill: '挖掘机司机',
      skillLevel: 'level4',
      certificates: '焊工证、叉车证',
      wantsJob: true,
      expectedPayYuan: '6500.50',
      wantsTraining: true,
      trainingTrades: ['电焊工'],
    });
  });

  it('when the ID number was just typed and the phone is typed again, then the form sends the record back unchanged', () => {
    const v = { ...registrationValuesOf(stored, village, FILLED_IDENTITY.idNumber), phone: '13900001234' };
    const checked = validateRegistration(v);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.input).toMatchObject({
      idNumber: FILLED_IDENTITY.idNumber,
      householdRegionCode: '150521100201',
      skills: [{ trade: '电焊工', level: 'level4' }, { trade: '挖掘机司机', level: 'level4' }],
      certificates: [{ name: '焊工证' }, { name: '叉车证' }],
      jobIntention: { wantsJob: true, trades: ['电焊工'], locations: ['out_of_province'], expectedMonthlyPayFen: 650_050 },
      employment: { status: 'employed', destination: { location: 'out_of_province', regionCode: '310115', employerName: '上海某厂', startedOn: '2026-06-04', organizedByGovernment: true } },
    });
  });
  it('when staff stored different levels per skill and certificate numbers, then editing keeps them unless the person changes the level', () => {
    const detailed = buildWorkerView({
      skills: [{ trade: '电焊工', level: 'level4' }, { trade: '挖掘机司机', level: 'level5' }],
      certificates: [{ name: '焊工证', number: 'T150521198506150038', issuedOn: '2020-05-01' }],
    });
    const v = { ...registrationValuesOf(detailed, village, FILLED_IDENTITY.idNumber), phone: '13900001234' };
    const kept = validateRegistration({ ...v, certificates: `${v.certificates}、叉车证` });
    expect(kept.ok).toBe(true);
    if (!kept.ok) return;
    expect(kept.input.skills).toEqual([{ trade: '电焊工', level: 'level4' }, { trade: '挖掘机司机', level: 'level5' }]);
    expect(kept.input.certificates).toEqual([{ name: '焊工证', number: 'T150521198506150038', issuedOn: '2020-05-01' }, { name: '叉车证' }]);
    const changed = validateRegistration({ ...v, skillLevel: 'level3' });
    expect(changed.ok).toBe(true);
    if (changed.ok) expect(changed.input.skills).toEqual([{ trade: '电焊工', level: 'level3' }, { trade: '挖掘机司机', level: 'level3' }]);
  });
});
