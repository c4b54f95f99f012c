import fs from 'node:fs';
import path from 'node:path';
import { ErrorCodes, RegionLevels } from '@zhuanyi/shared';
import { ApiError, InvalidResponseError, NetworkError, errorMessageKey } from '@/services/errors';
import { hasMessage, t } from './index';

const SRC = path.resolve(__dirname, '..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

const files = sourceFiles(SRC).map((file) => ({ file: path.relative(SRC, file), text: fs.readFileSync(file, 'utf8') }));

describe('i18n', () => {
  it('when code calls t() or names a labelKey with a literal key, then zh-CN has that key', () => {
    const used = new Set<string>();
    for (const { text } of files) {
      for (const m of text.matchAll(/\bt\(\s*'([^']+)'/g)) used.add(m[1]!);
      for (const m of text.matchAll(/labelKey:\s*'([^']+)'/g)) used.add(m[1]!);
      for (const m of text.matchAll(/return '((?:job|jobs|error|client|common|regions|trades)\.[\w.]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(30);
    expect([...used].filter((key) => !hasMessage(key))).toEqual([]);
  });

  it('when a key is built at run time, then every value it can take exists', () => {
    for (const level of RegionLevels) expect(hasMessage(`regions.chooseLevel.${level}`)).toBe(true);
    const errors = [
      ...ErrorCodes.map((code) => new ApiError(code, '', 400)),
      new NetworkError('offline', ''),
      new NetworkError('timeout', ''),
      new InvalidResponseError('/x', ''),
      new Error('other'),
    ];
    for (const error of errors) expect(t(errorMessageKey(error))).toMatch(/[\u4e00-\u9fff]/);
  });

  it('when a component renders text, then it is not a Chinese literal outside the catalogs', () => {
    const offenders = files
      .filter(({ file }) => file.endsWith('.tsx'))
      .filter(({ text }) => /[\u4e00-\u9fff]/.test(text.replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '')))
      .map(({ file }) => file);
    expect(offenders).toEqual([]);
  });

  it('when params are given, then placeholders are filled; a missing param stays visible', () => {
    expect(t('jobs.payRange', { min: '4,500', max: '6,000' })).toBe('4,500–6,000 元/月');
    expect(t('jobs.openings')).toBe('招 {count} 人');
    expect(t('error.NOT_FOUND')).toBe('没有找到相关内容');
  });
});
