/**
 * The enrolment spreadsheet: its columns, the downloadable template (xlsx or csv), reading an
 * uploaded file (in a worker: sheet-table.ts, exceljs for xlsx, csv-parse for csv in UTF-8 or
 * GB18030 as Excel saves it on Chinese Windows) and turning one row's cells into a registration input with Chinese reasons.
 */
import ExcelJS from 'exceljs';
import {
  ETHNIC_GROUPS,
  IMPORT_MAX_CELLS,
  IMPORT_MAX_UNPACKED_BYTES,
  EducationSchema,
  EmploymentStatusSchema,
  KeyGroupSchema,
  MobilitySchema,
  exampleIdNumber,
  t,
  type MessageKey,
} from '@zhuanyi/shared';
import { readTableOffThread } from './sheet-thread';

export const COLUMN_KEYS = [
  'name',
  'idNumber',
  'ethnicity',
  'phone',
  'education',
  'village',
  'group',
  'keyGroups',
  'mobility',
  'skills',
  'wantsJob',
  'jobTrades',
  'wantsTraining',
  'employment',
  'consent',
] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];

const REQUIRED: ReadonlySet<ColumnKey> = new Set(['name', 'idNumber', 'ethnicity', 'phone', 'education', 'village', 'group', 'mobility', 'consent']);

export const columnLabel = (key: ColumnKey): string => t(`import.column.${key}`);

const NOTES: Record<ColumnKey, string> = {
  name: '必填。少数民族姓名用“·”分隔',
  idNumber: '必填。18位，末位可为X；请保持“文本”格式',
  ethnicity: '必填。如 汉族、蒙古族',
  phone: '必填。11位手机号，本人以后用它认领和修改登记',
  education: `必填。${EducationSchema.options.map((v) => t(`education.${v}`)).join('、')}`,
  village: '必填。户籍所在村的12位统计用区划代码',
  group: '必填。如 三组',
  keyGroups: `选填，可多个，用顿号分隔：${KeyGroupSchema.options.map((v) => t(`keyGroup.${v}`)).join('、')}`,
  mobility: `必填。${MobilitySchema.options.map((v) => t(`mobility.${v}`)).join(' / ')}`,
  skills: '选填，可多个，用顿号分隔，如 电焊工、砌筑工',
  wantsJob: '是 / 否，不填为“是”',
  jobTrades: '选填，可多个，用顿号分隔',
  wantsTraining: '是 / 否，不填为“否”',
  employment: `不填为“未就业”。${EmploymentStatusSchema.options.filter((v) => v !== 'employed').map((v) => t(`employmentStatus.${v}`)).join('、')}`,
  consent: '必填“是”：本人已同意由经纪人代为登记',
};

const EXAMPLE: Record<ColumnKey, string> = {
  name: '阿拉坦·巴特尔',
  idNumber: exampleIdNumber('15052119900101123'),
  ethnicity: '蒙古族',
  phone: '13800005678',
  education: t('education.junior'),
  village: '150521100201',
  group: '三组',
  keyGroups: t('keyGroup.lifted_from_poverty'),
  mobility: t('mobility.can_travel_far'),
  skills: '电焊工',
  wantsJob: '是',
  jobTrades: '电焊工、钢筋工',
  wantsTraining: '否',
  employment: t('employmentStatus.unemployed'),
  consent: '是',
};

/** The template: the header row (required columns marked *) and a sheet of notes with an example. */
export async function buildTemplate(format: 'xlsx' | 'csv'): Promise<Buffer> {
  const headers = COLUMN_KEYS.map((k) => (REQUIRED.has(k) ? `${columnLabel(k)}*` : columnLabel(k)));
  if (format === 'csv') return Buffer.from('\ufeff' + headers.join(',') + '\r\n', 'utf8');
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('人员名单');
  sheet.addRow(headers);
  sheet.getRow(1).font = { bold: true };
  COLUMN_KEYS.forEach((k, i) => {
    const col = sheet.getColumn(i + 1);
    col.width = Math.max(10, columnLabel(k).length * 2 + 4);
    col.numFmt = '@'; // text: keeps ID numbers and phones whole
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const notes = wb.addWorksheet(t('import.template.notes'));
  notes.addRow(['列', '说明', t('import.template.example')]);
  notes.getRow(1).font = { bold: true };
  for (const k of COLUMN_KEYS) notes.addRow([columnLabel(k), NOTES[k], EXAMPLE[k]]);
  notes.addRow([]);
  notes.addRow(['', '一次最多导入1000行。同一个身份证号再次导入会更新原登记，不会重复登记。']);
  notes.getColumn(1).width = 14;
  notes.getColumn(2).width = 70;
  notes.getColumn(3).width = 24;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface SheetRow {
  /** Spreadsheet row number (header = 1). */
  row: number;
  cells: Partial<Record<ColumnKey, string>>;
  /** Columns whose cell was a number that cannot hold the value exactly (e.g. an 18-digit ID). */
  numeric: ColumnKey[];
}

export class SheetError extends Error {
  constructor(
    readonly messageKey: MessageKey,
    readonly params: Record<string, string | number> = {},
  ) {
    super(messageKey);
    this.name = 'SheetError';
  }
}

const normalizeHeader = (h: string) => h.replace(/[*＊\s]/g, '').replace(/[（(].*?[)）]/g, '');

function mapHeader(header: readonly string[]): Map<number, ColumnKey> {
  const byLabel = new Map(COLUMN_KEYS.map((k) => [normalizeHeader(columnLabel(k)), k]));
  const map = new Map<number, ColumnKey>();
  header.forEach((h, i) => {
    const key = byLabel.get(normalizeHeader(h));
    if (key && ![...map.values()].includes(key)) map.set(i, key);
  });
  const missing = COLUMN_KEYS.filter((k) => REQUIRED.has(k) && ![...map.values()].includes(k));
  if (missing.length > 0) throw new SheetError('error.importBadHeader', { columns: missing.map(columnLabel).join('、') });
  return map;
}

const PROBLEM_KEYS = {
  unpacked: 'error.importUnpackedTooLarge',
  rows: 'error.importTooManyRows',
  cells: 'error.importTooManyCells',
  unreadable: 'error.importUnreadable',
  noSheet: 'error.importNoRows',
  tooComplex: 'error.importTooComplex',
} as const satisfies Record<string, MessageKey>;

/** Header and blank rows a sheet may have besides its data rows before it is refused unread. */
const SPARE_ROWS = 100;

/** The limits an upload is held to before and while it is read. */
export const sheetLimits = (maxRows: number) => ({ unpackedBytes: IMPORT_MAX_UNPACKED_BYTES, rows: maxRows + SPARE_ROWS, cells: IMPORT_MAX_CELLS });

/** The SheetError for a broken limit or an unreadable file. */
export function sheetProblem(problem: keyof typeof PROBLEM_KEYS, maxRows: number, count?: number): SheetError {
  const params: Record<string, number> = { maxMb: Math.round(IMPORT_MAX_UNPACKED_BYTES / 1024 / 1024), max: problem === 'cells' ? IMPORT_MAX_CELLS : maxRows };
  if (count !== undefined) params.rows = count;
  return new SheetError(PROBLEM_KEYS[problem], params);
}

/**
 * Reads the first sheet (off the main thread, within the limits): data rows (empty ones skipped)
 * by column. Throws SheetError for a bad or oversized file.
 */
export async function readSheet(buffer: Buffer, format: 'xlsx' | 'csv', maxRows: number): Promise<SheetRow[]> {
  const read = await readTableOffThread(buffer, format, sheetLimits(maxRows));
  if (!read.ok) throw sheetProblem(read.problem, maxRows, 'count' in read ? read.count : undefined);
  const table = read.rows;
  const headerRow = table.find((r) => r.values.some((v) => v.text.trim() !== ''));
  if (!headerRow) throw new SheetError('error.importNoRows');
  const columns = mapHeader(headerRow.values.map((v) => v.text));
  const rows: SheetRow[] = [];
  for (const r of table) {
    if (r.row <= headerRow.row || r.values.every((v) => v.text.trim() === '')) continue;
    const cells: Partial<Record<ColumnKey, string>> = {};
    const numeric: ColumnKey[] = [];
    columns.forEach((key, i) => {
      const v = r.values[i];
      if (!v) return;
      cells[key] = v.text.trim();
      if (v.unsafeNumber) numeric.push(key);
    });
    rows.push({ row: r.row, cells, numeric });
  }
  if (rows.length === 0) throw new SheetError('error.importNoRows');
  if (rows.length > maxRows) throw new SheetError('error.importTooManyRows', { max: maxRows, rows: rows.length });
  return rows;
}

const squash = (s: string) => s.replace(/[\s,，、。.;；:：()（）]/g, '');

function labelLookup<T extends string>(values: readonly T[], prefix: string, aliases: Record<string, T> = {}): (text: string) => T | undefined {
  const map = new Map<string, T>();
  for (const v of values) {
    map.set(squash(t(`${prefix}.${v}`)), v);
    map.set(v, v);
  }
  for (const [alias, v] of Object.entries(aliases)) map.set(squash(alias), v);
  return (text) => map.get(squash(text));
}

const educationOf = labelLookup(EducationSchema.options, 'education', { 文盲: 'none', 中专: 'vocational', 技校: 'vocational', 本科: 'bachelor' });
const keyGroupOf = labelLookup(KeyGroupSchema.options, 'keyGroup', { 贫困劳动力: 'lifted_from_poverty', 建档立卡: 'lifted_from_poverty', 易地扶贫搬迁: 'relocated' });
const mobilityOf = labelLookup(MobilitySchema.options, 'mobility', { 可远行: 'can_travel_far', 能外出可远行: 'can_travel_far', 不能远行: 'nearby_only' });
const employmentOf = labelLookup(EmploymentStatusSchema.options, 'employmentStatus', { 未就业: 'unemployed', 已就业: 'employed', 灵活就业: 'self_employed', 自主创业: 'self_employed' });
const splitList = (s: string) => s.split(/[、,，;；/\s]+/).map((x) => x.trim()).filter((x) => x !== '');

function yesNo(text: string | undefined, fallback: boolean): boolean | null {
  const s = (text ?? '').trim();
  if (s === '') return fallback;
  if (['是', '有', 'Y', 'y', 'yes', '1', '√', '同意'].includes(s)) return true;
  if (['否', '无', 'N', 'n', 'no', '0', '×', '不同意'].includes(s)) return false;
  return null;
}

export interface RowInput {
  /** To be checked with WorkerRegistrationInputSchema (unknown options stay as text and fail there). */
  input: Record<string, unknown>;
  reasons: string[];
}

/** One row → a registration input, or the reasons (Chinese) it cannot be one. */
export function rowToInput(r: SheetRow): RowInput {
  const reasons: string[] = [];
  const c = r.cells;
  const col = (k: ColumnKey) => columnLabel(k);
  for (const k of r.numeric) {
    if (k === 'idNumber') reasons.push(t('import.reason.field', { column: col(k), problem: '请把这一列设为“文本”格式后重新填写（数字格式会丢掉后几位）' }));
  }
  const pick = <T>(key: ColumnKey, lookup: (s: string) => T | undefined): T | undefined => {
    const text = c[key] ?? '';
    if (text === '') return undefined;
    const v = lookup(text);
    if (v === undefined) reasons.push(t('import.reason.unknownOption', { column: col(key), value: text }));
    return v;
  };
  const education = pick('education', educationOf);
  const mobility = pick('mobility', mobilityOf);
  const employmentStatus = (c.employment ?? '') === '' ? 'unemployed' : pick('employment', employmentOf);
  if (employmentStatus === 'employed') reasons.push(t('import.reason.employedNeedsPlace'));
  const ethnicityText = c.ethnicity ?? '';
  const ethnicity = ETHNIC_GROUPS.find((e) => e === ethnicityText || e === `${ethnicityText}族`);
  if (ethnicityText !== '' && !ethnicity) reasons.push(t('import.reason.unknownOption', { column: col('ethnicity'), value: ethnicityText }));
  const keyGroups = splitList(c.keyGroups ?? '').flatMap((g) => {
    const v = keyGroupOf(g);
    if (v === undefined) reasons.push(t('import.reason.unknownOption', { column: col('keyGroups'), value: g }));
    return v === undefined ? [] : [v];
  });
  const wantsJob = yesNo(c.wantsJob, true);
  if (wantsJob === null) reasons.push(t('import.reason.yesNo', { column: col('wantsJob') }));
  const wantsTraining = yesNo(c.wantsTraining, false);
  if (wantsTraining === null) reasons.push(t('import.reason.yesNo', { column: col('wantsTraining') }));
  if (yesNo(c.consent, false) !== true) reasons.push(t('import.reason.noConsent'));
  if ((c.village ?? '') === '') reasons.push(t('import.reason.missingVillage'));

  const input = {
    name: c.name ?? '',
    idNumber: c.idNumber ?? '',
    ethnicity: ethnicity ?? '其他', // unknown ones are already reported
    phone: c.phone ?? '',
    education: education ?? '',
    householdRegionCode: c.village ?? '',
    householdGroup: c.group ?? '',
    keyGroups: [...new Set(keyGroups)],
    mobility: mobility ?? '',
    skills: [...new Set(splitList(c.skills ?? ''))].slice(0, 10).map((trade) => ({ trade, level: 'none' as const })),
    jobIntention: { wantsJob: wantsJob ?? true, trades: [...new Set(splitList(c.jobTrades ?? ''))].slice(0, 10), locations: [] },
    trainingIntention: { wantsTraining: wantsTraining ?? false, trades: [] },
    employment: { status: employmentStatus ?? 'unemployed', destination: null },
  };
  return { input, reasons };
}

/** Where a zod issue path points, as a column label. */
export function columnOfPath(path: readonly PropertyKey[]): string {
  const head = String(path[0] ?? '');
  const map: Record<string, ColumnKey> = {
    name: 'name',
    idNumber: 'idNumber',
    ethnicity: 'ethnicity',
    phone: 'phone',
    education: 'education',
    householdRegionCode: 'village',
    householdGroup: 'group',
    keyGroups: 'keyGroups',
    mobility: 'mobility',
    skills: 'skills',
    jobIntention: 'jobTrades',
    trainingIntention: 'wantsTraining',
    employment: 'employment',
  };
  const key = map[head];
  return key ? columnLabel(key) : head;
}
