import Taro from '@tarojs/taro';
import type { PickedFile } from '@/services/upload';

const SHEET = /\.(xlsx|csv)$/i;

export const isSheet = (f: PickedFile) => SHEET.test(f.name);

/** weapp: a spreadsheet from a WeChat chat (where brokers receive them). */
export async function pickSheetWeapp(): Promise<PickedFile | null> {
  const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx', 'csv'] });
  const f = res.tempFiles[0];
  return f ? { path: f.path, name: f.name, size: f.size, type: '' } : null;
}

/** H5: a file input; must be called straight from a tap. */
export function pickSheetH5(): Promise<PickedFile | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';
    input.style.display = 'none';
    input.setAttribute('data-testid', 'sheet-input');
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      input.remove();
      resolve(file ? { path: URL.createObjectURL(file), name: file.name, size: file.size, type: file.type } : null);
    });
    document.body.appendChild(input);
    input.click();
  });
}

export const pickSheet = (): Promise<PickedFile | null> => (process.env.TARO_ENV === 'weapp' ? pickSheetWeapp() : pickSheetH5());
