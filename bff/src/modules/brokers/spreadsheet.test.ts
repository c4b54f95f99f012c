import ExcelJS from 'exceljs';
import { WorkerRegistrationInputSchema } from '@zhuanyi/shared';
import { COLUMN_KEYS, buildTemplate, columnLabel, rowToInput, type ColumnKey } from './spreadsheet';

describe('enrolment template', () => {
  it('when the example row of the template is read as an import row, then it is a valid registration (its 身份证号 passes the check digit)', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildTemplate('xlsx')) as unknown as ExcelJS.Buffer);
    const notes = wb.worksheets[1];
    if (!notes) throw new Error('template has no notes sheet');
    const byLabel = new Map(COLUMN_KEYS.map((k) => [columnLabel(k), k]));
    const cells: Partial<Record<ColumnKey, string>> = {};
    notes.eachRow((row) => {
      const key = byLabel.get(String(row.getCell(1).value ?? ''));
      if (key) cells[key] = String(row.getCell(3).value ?? '');
    });
    expect(Object.keys(cells)).toHaveLength(COLUMN_KEYS.length);
    const { input, reasons } = rowToInput({ row: 2, cells, numeric: [] });
    expect(reasons).toEqual([]);
    const parsed = WorkerRegistrationInputSchema.safeParse(input);
    expect(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([]);
  });
});
