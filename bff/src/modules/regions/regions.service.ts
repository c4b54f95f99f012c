import {
  normalizeRegionCode,
  RegionLevels,
  type Region,
  type RegionDetail,
  type RegionLevel,
  type RegionSearchQuery,
} from '@zhuanyi/shared';
import { NotFoundError } from '../../http/errors';
import { regionRepository, type RegionRepository } from './regions.repository';

const SKIPPED_IN_FULL_NAME = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

/** Finds a region by its code, also accepting GB/T 2260 forms (150500 for 通辽市). */
export function findRegion(code: string, repo: RegionRepository = regionRepository()): Region | null {
  return repo.findByCode(code) ?? repo.findByCode(normalizeRegionCode(code));
}

function ancestorsOf(region: Region, repo: RegionRepository): Region[] {
  const out: Region[] = [];
  for (let p = region.parentCode; p !== null; ) {
    const parent = repo.findByCode(p);
    if (!parent) break;
    out.unshift(parent);
    p = parent.parentCode;
  }
  return out;
}

function fullNameOf(chain: readonly Region[]): string {
  return chain
    .filter((r, i) => i === chain.length - 1 || !SKIPPED_IN_FULL_NAME.has(r.name))
    .map((r) => r.name)
    .join('');
}

/** 内蒙古自治区通辽市科尔沁区 for 150502. */
export function regionFullName(code: string, repo: RegionRepository = regionRepository()): string | null {
  const region = findRegion(code, repo);
  return region ? fullNameOf([...ancestorsOf(region, repo), region]) : null;
}

export function getRegion(code: string, repo: RegionRepository = regionRepository()): RegionDetail {
  const region = findRegion(code, repo);
  if (!region) throw new NotFoundError('error.regionNotFound');
  const ancestors = ancestorsOf(region, repo);
  return { ...region, ancestors, fullName: fullNameOf([...ancestors, region]), hasChildren: repo.hasChildren(region) };
}

export function listProvinces(repo: RegionRepository = regionRepository()): Region[] {
  return repo.childrenOf(null);
}

export function listChildren(code: string, repo: RegionRepository = regionRepository()): Region[] {
  const region = findRegion(code, repo);
  if (!region) throw new NotFoundError('error.regionNotFound');
  return repo.childrenOf(region.code);
}

/** Name search: exact names first, then prefixes, then the rest; higher levels before lower. */
export function searchRegions(query: RegionSearchQuery, repo: RegionRepository = regionRepository()) {
  let within: string | undefined;
  if (query.within !== undefined) {
    const scope = findRegion(query.within, repo);
    if (!scope) throw new NotFoundError('error.regionNotFound');
    within = scope.code;
  }
  const levels = new Set<RegionLevel>(query.level ? [query.level] : RegionLevels);
  const matches = repo.searchByName(query.q, { within, levels, cap: 1000 });
  const levelIndex = (l: RegionLevel) => RegionLevels.indexOf(l);
  matches.sort(
    (a, b) =>
      a.rank - b.rank ||
      levelIndex(a.region.level) - levelIndex(b.region.level) ||
      a.region.code.localeCompare(b.region.code),
  );
  return matches.slice(0, query.limit).map(({ region }) => ({
    ...region,
    fullName: fullNameOf([...ancestorsOf(region, repo), region]),
  }));
}
