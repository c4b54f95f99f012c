/**
 * The raw table of an uploaded spreadsheet, with limits, for the parse worker (sheet-worker.ts):
 * imports only exceljs, csv-parse and yauzl so it loads in a worker thread. An xlsx's declared
 * unpacked sizes are checked from its zip directory before anything is inflated.
 */
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import yauzl from 'yauzl';

export interface TableCell {
  text: string;
  /** A number that cannot hold the value exactly (e.g. an 18-digit ID). */
  unsafeNumber: boolean;
}
export interface TableRow {
  row: number;
  values: TableCell[];
}
export interface TableLimits {
  unpackedBytes: number;
  rows: number;
  cells: number;
}
export type TableProblem = 'unpacked' | 'rows' | 'cells' | 'unreadable' | 'noSheet';
export type TableResult = { ok: true; rows: TableRow[] } | { ok: false; problem: TableProblem; count?: number };

class Refused extends Error {
  constructor(
    readonly problem: TableProblem,
    readonly count?: number,
  ) {
    super(problem);
  }
}

const MAX_ZIP_ENTRIES = 500;

/** Sums the zip directory's declared uncompressed sizes; refuses past the limit without inflating. */
export function checkZipLimits(buffer: Buffer, maxUnpackedBytes: number): Promise<TableProblem | null> {
  return new Promise((resolve) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) return resolve('unreadable');
      if (zip.entryCount > MAX_ZIP_ENTRIES) return resolve('unpacked');
      let total = 0;
      zip.on('error', () => resolve('unreadable'));
      zip.on('entry', (entry: yauzl.Entry) => {
        total += entry.uncompressedSize;
        if (total > maxUnpackedBytes) {
          zip.close();
          return resolve('unpacked');
        }
        zip.readEntry();
      });
      zip.on('end', () => resolve(null));
      zip.readEntry();
    });
  });
}

function decodeText(buffer: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return new TextDecoder('gb18030').decode(buffer);
  }
}

function cellText(value: ExcelJS.CellValue): TableCell {
  if (value === null || value === undefined) return { text: '', unsafeNumber: false };
  if (typeof value === 'number') return { text: String(value), unsafeNumber: !Number.isSafeInteger(value) };
  if (typeof value === 'string') return { text: value, unsafeNumber: false };
  if (typeof value === 'boolean') return { text: value ? '是' : '否', unsafeNumber: false };
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10), unsafeNumber: false };
  if ('richText' in value) return { text: value.richText.map((r) => r.text).join(''), unsafeNumber: false };
  if ('text' in value && typeof value.text === 'string') return { text: value.text, unsafeNumber: false };
  if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  return { text: '', unsafeNumber: false };
}

function counted(limits: TableLimits) {
  let cells = 0;
  return (row: TableRow): TableRow => {
    cells += row.values.length;
    if (cells > limits.cells) throw new Refused('cells');
    return row;
  };
}

async function readXlsx(buffer: Buffer, limits: TableLimits): Promise<TableRow[]> {
  const problem = await checkZipLimits(buffer, limits.unpackedBytes);
  if (problem) throw new Refused(problem);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch {
    throw new Refused('unreadable');
  }
  const sheet = wb.worksheets[0];
  if (!sheet) throw new Refused('noSheet');
  if (sheet.actualRowCount > limits.rows) throw new Refused('rows', sheet.actualRowCount);
  const keep = counted(limits);
  const table: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (r, rowNumber) => {
    const values: TableCell[] = [];
    for (let c = 1; c <= r.cellCount; c += 1) values.push(cellText(r.getCell(c).value));
    table.push(keep({ row: rowNumber, values }));
  });
  return table;
}

function readCsv(buffer: Buffer, limits: TableLimits): TableRow[] {
  let records: string[][];
  try {
    records = parseCsv(decodeText(buffer), { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch {
    throw new Refused('unreadable');
  }
  if (records.length > limits.rows) throw new Refused('rows', records.length);
  const keep = counted(limits);
  return records.map((r, i) => keep({ row: i + 1, values: r.map((text) => ({ text, unsafeNumber: false })) }));
}

/** The sheet's rows (all of them, empty ones too for csv), or the limit it broke. */
export async function readTable(buffer: Buffer, format: 'xlsx' | 'csv', limits: TableLimits): Promise<TableResult> {
  try {
    return { ok: true, rows: format === 'csv' ? readCsv(buffer, limits) : await readXlsx(buffer, limits) };
  } catch (err: unknown) {
    if (err instanceof Refused) return { ok: false, problem: err.problem, ...(err.count === undefined ? {} : { count: err.count }) };
    throw err;
  }
}
