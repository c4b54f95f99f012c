/**
 * The ID number a worker just typed to claim a record, kept in memory only (never in storage),
 * so "修改登记信息" right after the claim opens the form with it filled in.
 */
let typed: { idNumber: string; workerId: string } | null = null;

export function rememberClaimedIdNumber(workerId: string, idNumber: string): void {
  typed = { workerId, idNumber };
}

/** The ID number typed for this record in this session, or ''. */
export function claimedIdNumberFor(workerId: string): string {
  return typed?.workerId === workerId ? typed.idNumber : '';
}

export function forgetClaimedIdNumber(): void {
  typed = null;
}
