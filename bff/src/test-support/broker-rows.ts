/**
 * Enrolment spreadsheets for tests and the import benchmark: n people with valid, distinct ID
 * numbers in the villages of one township, optionally with bad rows mixed in.
 *
 *   const sheet = enrolmentRows({ count: 1000, villages, bad: { checksum: [5], missingVillage: [9], duplicateOf: { 12: 3 } } });
 *   const xlsx = await enrolmentXlsx(sheet.rows);
 */
import ExcelJS from 'exceljs';
import { idNumberCheckChar, t, type WorkerRegistrationInput } from '@zhuanyi/shared';
import { COLUMN_KEYS, columnLabel, type ColumnKey } from '../modules/brokers/spreadsheet';
import { regionRepository } from '../modules/regions/regions.repository';

const SURNAMES = ['包', '白', '宝', '韩', '吴', '王', '李', '张', '刘', '陈', '赵', '孙', '周', '胡', '郭', '何', '高', '林', '罗', '梁'];
const GIVEN = ['金山', '巴特尔', '海龙', '秀英', '桂兰', '志强', '玉梅', '国华', '春花', '建军', '额尔敦', '苏和', '萨仁', '乌力吉', '明月', '红梅', '德力格尔', '宝音', '其其格', '朝鲁'];

export type EnrolmentRow = Record<ColumnKey, string>;

/** The ID number of person i: born on day i after 1970-01-01 in county 150521, sequence 001. */
export function idNumberOf(i: number, county = '150521', seq = '001'): string {
  const d = new Date(Date.UTC(1970, 0, 1) + i * 86_400_000);
  const birth = `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
  const first17 = `${county}${birth}${seq}`;
  return first17 + idNumberCheckChar(first17);
}

/** A check character that is not the right one. */
export function wrongChecksum(id: string): string {
  const right = id.slice(17);
  return id.slice(0, 17) + (right === '0' ? '1' : '0');
}

/** The villages of the first rural township of a county (real division data). */
export function villagesOf(townshipCode: string): string[] {
  return regionRepository()
    .childrenOf(townshipCode)
    .map((v) => v.code);
}

export interface EnrolmentSheetOptions {
  count: number;
  villages: readonly string[];
  /** First person index (so two sheets can hold different people). */
  offset?: number;
  bad?: { checksum?: readonly number[]; missingVillage?: readonly number[]; duplicateOf?: Readonly<Record<number, number>> };
}

export function enrolmentRows(opts: EnrolmentSheetOptions): EnrolmentRow[] {
  const offset = opts.offset ?? 0;
  const checksum = new Set(opts.bad?.checksum ?? []);
  const missing = new Set(opts.bad?.missingVillage ?? []);
  const dup = opts.bad?.duplicateOf ?? {};
  const rows: EnrolmentRow[] = [];
  for (let i = 0; i < opts.count; i += 1) {
    const p = offset + i;
    const source = dup[i];
    let id = idNumberOf(source === undefined ? p : offset + source);
    if (checksum.has(i)) id = wrongChecksum(id);
    rows.push({
      name: `${SURNAMES[p % SURNAMES.length] ?? '包'}${GIVEN[Math.floor(p / SURNAMES.length) % GIVEN.length] ?? '金山'}`,
      idNumber: id,
      ethnicity: p % 3 === 0 ? '汉族' : '蒙古族',
      phone: `138${String(10_000_000 + p).slice(-8)}`,
      education: t(p % 2 === 0 ? 'education.junior' : 'education.senior'),
      village: missing.has(i) ? '' : (opts.villages[p % opts.villages.length] ?? ''),
      group: `${(p % 9) + 1}组`,
      keyGroups: p % 10 === 0 ? t('keyGroup.lifted_from_poverty') : '',
      mobility: t('mobility.can_travel_far'),
      skills: p % 4 === 0 ? '电焊工' : '',
      wantsJob: '是',
      jobTrades: '电焊工、钢筋工',
      wantsTraining: '否',
      employment: t('employmentStatus.unemployed'),
      consent: '是',
    });
  }
  return rows;
}

export async function enrolmentXlsx(rows: readonly EnrolmentRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('人员名单');
  sheet.addRow(COLUMN_KEYS.map(columnLabel));
  for (const r of rows) sheet.addRow(COLUMN_KEYS.map((k) => r[k]));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function enrolmentCsv(rows: readonly EnrolmentRow[]): Buffer {
  const esc = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [COLUMN_KEYS.map(columnLabel).join(','), ...rows.map((r) => COLUMN_KEYS.map((k) => esc(r[k])).join(','))];
  return Buffer.from('\ufeff' + lines.join('\r\n') + '\r\n', 'utf8');
}

/** A registration form of person i (the one-by-one path), living in `village`. */
export function registrationOf(i: number, village: string, over: Partial<WorkerRegistrationInput> = {}): WorkerRegistrationInput {
  return {
    name: '包金山',
    idNumber: idNumberOf(i),
    ethnicity: '蒙古族',
    phone: `138${String(20_000_000 + i).slice(-8)}`,
    education: 'junior',
    householdRegionCode: village,
    householdGroup: '三组',
    keyGroups: [],
    mobility: 'can_travel_far',
    skills: [],
    certificates: [],
    jobIntention: { wantsJob: true, trades: ['电焊工'], locations: [], expectedMonthlyPayFen: null },
    trainingIntention: { wantsTraining: false, trades: [] },
    employment: { status: 'unemployed', destination: null },
    entrepreneurship: { active: false },
    ...over,
  };
}
