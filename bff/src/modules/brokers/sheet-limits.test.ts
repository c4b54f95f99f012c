import { IMPORT_MAX_CELLS, t } from '@zhuanyi/shared';
import { xlsxBomb } from '../../test-support/xlsx-bomb';
import { checkZipLimits } from './sheet-table';
import { readTableOffThread } from './sheet-thread';
import { SheetError, buildTemplate, readSheet } from './spreadsheet';

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err: unknown) {
    if (err instanceof SheetError) return t(err.messageKey, err.params);
    throw err;
  }
  throw new Error('not refused');
}

describe('spreadsheet limits (read in a worker thread)', () => {
  it('when an xlsx declares more than 20 MB unpacked, then its zip directory alone refuses it, before and inside the worker', async () => {
    const { buffer, textBytes } = await xlsxBomb({ rows: 30, cols: 10, cellChars: 100_000 });
    expect(textBytes).toBeGreaterThan(20 * 1024 * 1024);
    expect(await checkZipLimits(buffer, 20 * 1024 * 1024)).toBe('unpacked');
    expect(await refusal(readSheet(buffer, 'xlsx', 1000))).toBe('这个表格解压后超过 20 MB，不像人员名单，没有导入。请只保留名单这一页，用模板重新保存后再导入');
    // The template itself is far below the limit.
    expect(await checkZipLimits(await buildTemplate('xlsx'), 20 * 1024 * 1024)).toBeNull();
  });

  it('when a csv has more cells or rows than allowed, then it is refused with the limit in Chinese', async () => {
    const wide = Buffer.from(Array.from({ length: 200 }, () => Array.from({ length: 400 }, () => 'x').join(',')).join('\r\n'), 'utf8');
    expect(await refusal(readSheet(wide, 'csv', 1000))).toBe(`表格里的格子太多（超过 ${IMPORT_MAX_CELLS} 个），请只保留模板里的列后再导入`);
    const long = Buffer.from(Array.from({ length: 1500 }, (_, i) => `row${i}`).join('\r\n'), 'utf8');
    expect(await refusal(readSheet(long, 'csv', 1000))).toBe('一次最多导入 1000 行，这个表格有 1500 行');
  });

  it('when the worker does not finish in time, then the answer is "too complex" and the worker is stopped', async () => {
    const template = await buildTemplate('xlsx');
    expect(await readTableOffThread(template, 'xlsx', { unpackedBytes: 1e9, rows: 10, cells: 1000 }, 1)).toEqual({ ok: false, problem: 'tooComplex' });
    const read = await readTableOffThread(template, 'xlsx', { unpackedBytes: 1e9, rows: 10, cells: 1000 });
    expect(read.ok && read.rows[0]?.values.length).toBe(15);
  });
});
