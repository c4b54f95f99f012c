import fs from 'node:fs';
import path from 'node:path';
import { act, render, screen } from '@testing-library/react';
import { useState, useSyncExternalStore, type ReactNode } from 'react';
import { redrawPages } from '@/features/language/redraw-pages';
import { catalogsLoaded, isLocaleLoaded, loadLocale, setLocale, subscribeCatalogs, t } from './index';
import { catalogLoaders } from './locales/load';
import { mnMong } from './locales/mn-Mong';
import { ug } from './locales/ug';
import { zhCN } from './locales/zh-CN';

const SRC = path.resolve(__dirname, '..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Stands in for Taro's app component: the pages it is handed, redrawn when a catalog arrives (as app.ts does). */
function AppLike({ children }: { children: ReactNode }) {
  const catalogs = useSyncExternalStore(subscribeCatalogs, catalogsLoaded);
  return <>{redrawPages(children, catalogs)}</>;
}

let mounts = 0;
function PageLike() {
  const [since] = useState(() => {
    mounts += 1;
    return 'kept';
  });
  return (
    <p>
      {t('jobs.allJobs')} / {since}
    </p>
  );
}

describe('catalogs other than zh-CN load on demand', () => {
  afterEach(() => setLocale('zh-CN'));

  it('when app code imports the catalogs, then only the on-demand loader names mn-Mong, ug and bo (they stay out of the first page)', () => {
    const offenders = sourceFiles(SRC)
      .filter((file) => !file.endsWith(path.join('i18n', 'locales', 'load.ts')) && !file.endsWith(path.join('i18n', 'locales', 'all.ts')))
      .filter((file) => /from '[^']*(locales\/(mn-Mong|ug|bo|all)|\.\/(mn-Mong|ug|bo|all))'/.test(fs.readFileSync(file, 'utf8')))
      .map((file) => path.relative(SRC, file));
    expect(offenders).toEqual([]);
  });

  it('when a language is chosen before its catalog arrives, then pages show zh-CN (never a raw key) and redraw in place once it arrives', async () => {
    expect(isLocaleLoaded('mn-Mong')).toBe(false);
    setLocale('mn-Mong');
    const before = catalogsLoaded();
    render(
      <AppLike>
        <>{[<PageLike key="jobs" />]}</>
      </AppLike>,
    );
    expect(screen.getByText(`${zhCN.jobs.allJobs} / kept`)).toBeTruthy();

    await act(() => loadLocale('mn-Mong'));
    expect(isLocaleLoaded('mn-Mong')).toBe(true);
    expect(catalogsLoaded()).toBe(before + 1);
    expect(screen.getByText(`${mnMong.messages.jobs.allJobs} / kept`)).toBeTruthy();
    // Redrawn, not remounted: the page kept its state (and would not fetch its jobs again).
    expect(mounts).toBe(1);
  });

  it('when the pages come as a bare array (the weapp shape), then each page element is redrawn with its key kept', () => {
    const pages = [<PageLike key="a" />, <PageLike key="b" />];
    const redrawn = redrawPages(pages, 7) as { key: string | null; props: { catalogs?: number } }[];
    expect(redrawn.map((el) => [el.key, el.props.catalogs])).toEqual([
      ['a', 7],
      ['b', 7],
    ]);
  });

  it('when a catalog is asked for twice at once, then it is fetched once and listeners hear of it once', async () => {
    const fetchUg = jest.spyOn(catalogLoaders, 'ug');
    const heard = jest.fn();
    const stop = subscribeCatalogs(heard);
    await Promise.all([loadLocale('ug'), loadLocale('ug')]);
    await loadLocale('ug');
    stop();
    expect(fetchUg).toHaveBeenCalledTimes(1);
    expect(heard).toHaveBeenCalledTimes(1);
    setLocale('ug');
    expect(t('jobs.allJobs')).toBe(ug.messages.jobs.allJobs);
    fetchUg.mockRestore();
  });

  it('when a catalog cannot arrive (offline, never loaded), then loading rejects, zh-CN stays, and a later try succeeds', async () => {
    const real = catalogLoaders.bo;
    const fetchBo = jest.spyOn(catalogLoaders, 'bo').mockRejectedValueOnce(new Error('request:fail'));
    setLocale('bo');
    await expect(loadLocale('bo')).rejects.toThrow('request:fail');
    expect(isLocaleLoaded('bo')).toBe(false);
    expect(t('jobs.allJobs')).toBe(zhCN.jobs.allJobs);

    fetchBo.mockImplementation(real);
    await loadLocale('bo');
    expect(t('jobs.allJobs')).toMatch(/[\u0f40-\u0f6c]/);
    fetchBo.mockRestore();
  });
});
