import { ApplicationStatusSchema } from '../schemas/job-application.schema';
import { EnrollmentStatusSchema } from '../schemas/course.schema';
import {
  applicationSourcesOf,
  canMoveApplication,
  canMoveEnrollment,
  enrollmentSourcesOf,
  nextApplicationStatuses,
  nextEnrollmentStatuses,
} from './progress-rules';

describe('application progress', () => {
  it('when an application is new, then staff may mark it contacted, hired or not hired, and only the worker may withdraw', () => {
    expect(nextApplicationStatuses('applied', 'staff').sort()).toEqual(['contacted', 'hired', 'rejected']);
    expect(nextApplicationStatuses('applied', 'worker')).toEqual(['withdrawn']);
    expect(canMoveApplication('applied', 'withdrawn', 'staff')).toBe(false);
    expect(canMoveApplication('contacted', 'hired', 'staff')).toBe(true);
    expect(canMoveApplication('contacted', 'applied', 'staff')).toBe(false);
  });

  it('when an application has an outcome, then nobody moves it again', () => {
    for (const to of ApplicationStatusSchema.options) {
      for (const by of ['staff', 'worker'] as const) {
        expect(canMoveApplication('hired', to, by)).toBe(false);
        expect(canMoveApplication('rejected', to, by)).toBe(false);
      }
    }
  });

  it('when asked where a move may start, then it agrees with the moves themselves', () => {
    expect(applicationSourcesOf('hired', 'staff').sort()).toEqual(['applied', 'contacted']);
    expect(applicationSourcesOf('contacted', 'staff')).toEqual(['applied']);
    expect(applicationSourcesOf('applied', 'worker')).toEqual(['withdrawn']);
    for (const from of ApplicationStatusSchema.options)
      for (const to of ApplicationStatusSchema.options)
        expect(applicationSourcesOf(to, 'staff').includes(from)).toBe(canMoveApplication(from, to, 'staff'));
  });
});

describe('enrollment progress', () => {
  it('when a sign-up goes the whole way, then each staff step opens only the next', () => {
    expect(nextEnrollmentStatuses('applied', 'staff')).toEqual(['confirmed']);
    expect(nextEnrollmentStatuses('confirmed', 'staff')).toEqual(['in_training']);
    expect(nextEnrollmentStatuses('in_training', 'staff').sort()).toEqual(['completed', 'failed']);
    expect(nextEnrollmentStatuses('completed', 'staff')).toEqual([]);
    expect(nextEnrollmentStatuses('failed', 'staff')).toEqual([]);
  });

  it('when a step is skipped or undone, then it is refused', () => {
    expect(canMoveEnrollment('applied', 'in_training', 'staff')).toBe(false);
    expect(canMoveEnrollment('applied', 'completed', 'staff')).toBe(false);
    expect(canMoveEnrollment('confirmed', 'failed', 'staff')).toBe(false);
    expect(canMoveEnrollment('completed', 'failed', 'staff')).toBe(false);
    expect(canMoveEnrollment('in_training', 'cancelled', 'worker')).toBe(false);
    expect(canMoveEnrollment('cancelled', 'confirmed', 'staff')).toBe(false);
  });

  it('when the worker cancels, then only before training, and staff never cancel', () => {
    expect(enrollmentSourcesOf('cancelled', 'worker').sort()).toEqual(['applied', 'confirmed']);
    expect(enrollmentSourcesOf('cancelled', 'staff')).toEqual([]);
    expect(enrollmentSourcesOf('completed', 'staff')).toEqual(['in_training']);
    for (const from of EnrollmentStatusSchema.options)
      for (const to of EnrollmentStatusSchema.options)
        expect(enrollmentSourcesOf(to, 'staff').includes(from)).toBe(canMoveEnrollment(from, to, 'staff'));
  });
});
