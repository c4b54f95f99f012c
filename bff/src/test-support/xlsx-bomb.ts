/** A small xlsx that unpacks to hundreds of MB (one sheet of long repeated text), made with exceljs. */
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';

export interface XlsxBomb {
  buffer: Buffer;
  /** Bytes of cell text alone; the sheet's XML is a little more. */
  textBytes: number;
}

export async function xlsxBomb(opts: { rows?: number; cols?: number; cellChars?: number; level?: number } = {}): Promise<XlsxBomb> {
  const { rows = 200, cols = 10, cellChars = 260_000, level = 4 } = opts;
  const parts: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      parts.push(chunk);
      done();
    },
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useSharedStrings: false, useStyles: false, zip: { zlib: { level } } });
  const sheet = wb.addWorksheet('人员名单');
  const cell = '0123456789'.repeat(Math.ceil(cellChars / 10)).slice(0, cellChars);
  for (let r = 0; r < rows; r += 1) sheet.addRow(Array.from({ length: cols }, () => cell)).commit();
  sheet.commit();
  await wb.commit();
  return { buffer: Buffer.concat(parts), textBytes: rows * cols * cellChars };
}
