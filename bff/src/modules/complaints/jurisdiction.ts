/** Where a wage complaint belongs: the worksite county; unknown worksite → the home county's triage. */
import { regionCodePath, regionLevelOf, t, type ComplaintJurisdiction, type OfficeRef, type TimelineNoteParam } from '@zhuanyi/shared';
import { findRegion } from '../regions/regions.service';
import type { ComplaintRecord } from './complaint.model';

/** The county (6 digits) of a county-or-finer code; null otherwise. */
export function countyOf(code: string | null | undefined): string | null {
  if (!code) return null;
  const level = regionLevelOf(code);
  if (level !== 'county' && level !== 'township' && level !== 'village') return null;
  return code.slice(0, 6);
}

export interface CaseRouting {
  intakeRegionCode: string | null;
  intakeRegionPath: string[];
  homeRegionCode: string | null;
  homeRegionPath: string[];
  needsJurisdiction: boolean;
}

/** Routes a new case: to the worksite's county; without one, to the home county with 需确定管辖. */
export function routeCase(worksiteRegionCode: string | null | undefined, householdRegionCode: string | null | undefined): CaseRouting {
  const worksite = countyOf(worksiteRegionCode);
  const home = householdRegionCode ?? null;
  const intake = worksite ?? countyOf(home);
  return {
    intakeRegionCode: intake,
    intakeRegionPath: intake ? regionCodePath(intake) : [],
    homeRegionCode: home,
    homeRegionPath: home ? regionCodePath(home) : [],
    needsJurisdiction: worksite === null,
  };
}

/** 科尔沁左翼中旗 for 150521 (the county's own name). */
export function countyName(code: string | null | undefined): string | null {
  const county = countyOf(code);
  return county ? (findRegion(county)?.name ?? null) : null;
}

/** The county's intake office as a code (kind + county); clients name it in the reader's language. */
export function officeRefOf(code: string | null | undefined): OfficeRef | null {
  const county = countyOf(code);
  const name = countyName(county);
  return county && name ? { kind: 'labor_dispute', regionCode: county, regionName: name } : null;
}

/** "科尔沁左翼中旗 劳动保障监察/仲裁院": the office in Chinese (staff pages, notices, older clients). */
export function officeOf(code: string | null | undefined): string | null {
  const ref = officeRefOf(code);
  return ref ? t(`complaint.officeKind.${ref.kind}`, { region: ref.regionName }) : null;
}

/** The office as a timeline-note parameter: rendered in each reader's language. */
export function officeParamOf(code: string | null | undefined): TimelineNoteParam | null {
  const ref = officeRefOf(code);
  return ref ? { office: ref.kind, region: ref.regionCode, name: ref.regionName } : null;
}

export function jurisdictionOf(r: Pick<ComplaintRecord, 'intakeRegionCode'> & { needsJurisdiction?: boolean | null; transfers?: readonly unknown[] | null }): ComplaintJurisdiction {
  const code = r.intakeRegionCode ?? null;
  return {
    regionCode: code,
    regionName: countyName(code),
    office: officeOf(code),
    officeRef: officeRefOf(code),
    needsJurisdiction: r.needsJurisdiction === true,
    transferred: (r.transfers?.length ?? 0) > 0,
  };
}
