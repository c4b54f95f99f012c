import type { FitWarning } from '../schemas/job.schema';
/**
 * Whether a job's stated conditions exclude a person: the age range, and a requirement to hold a
 * certificate (a requirement naming a 证 that is not merely preferred, "优先"). Excluded jobs are
 * not recommended; applying anyway is allowed, with a plain warning.
 */
export interface JobConditions {
  ageMin?: number | null;
  ageMax?: number | null;
  requirements?: readonly string[];
}

export interface PersonFacts {
  age: number | null;
  certificateCount: number;
}


const CERTIFICATE = /持.*证|证书/;

export function jobFitWarnings(job: JobConditions, p: PersonFacts): FitWarning[] {
  const out: FitWarning[] = [];
  const min = job.ageMin ?? null;
  const max = job.ageMax ?? null;
  if (p.age !== null && ((min !== null && p.age < min) || (max !== null && p.age > max))) {
    out.push({ code: 'age_outside', min: min ?? 16, max: max ?? 65, age: p.age });
  }
  if (p.certificateCount === 0) {
    const needed = (job.requirements ?? []).find((r) => CERTIFICATE.test(r) && !r.includes('优先'));
    if (needed) out.push({ code: 'certificate_required', requirement: needed });
  }
  return out;
}
