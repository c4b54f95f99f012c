import Taro from '@tarojs/taro';
import {
  ComplaintSchema,
  IntakeQueueSchema,
  MonthlyReportSchema,
  PhoneRevealResponseSchema,
  RegionDetailSchema,
  RegistryListSchema,
  RevealResponseSchema,
  TokenPairSchema,
  WatchCountsSchema,
  FollowUpListSchema,
  type FollowUpList,
  type Complaint,
  type IntakeActionSchema,
  type IntakeQueue,
  type IntakeQueueItem,
  type MonthlyReport,
  type TokenPair,
  type WatchCounts,
} from '@zhuanyi/shared';
import type { z } from 'zod';
import { appConfig } from '@/config';
import { getAccessToken, saveSession } from '@/services/auth-token';
import { http } from '@/services/http';

/** An intake step as sent (amounts in yuan as typed). */
export type IntakeActionInput = z.input<typeof IntakeActionSchema>;

/** Staff, intake officer or admin sign-in; the session is kept only for these roles. */
export async function signInStaff(username: string, password: string): Promise<TokenPair> {
  const pair = await http.request({ method: 'POST', path: '/auth/password', body: { username, password }, schema: TokenPairSchema });
  if (isStaffRole(pair.subject.role)) saveSession(pair);
  return pair;
}

export type StaffRole = 'staff' | 'intake' | 'admin';
export const isStaffRole = (role: string): role is StaffRole => role === 'staff' || role === 'intake' || role === 'admin';

/** mine: cases this county handles; following: its residents' cases handled elsewhere (read-only). */
export const getQueue = (urgency?: IntakeQueueItem['urgency'], view: 'mine' | 'following' = 'mine'): Promise<IntakeQueue> =>
  http.get('/intake/queue', IntakeQueueSchema, { urgency, view, limit: 100 });

/** The complainant's full phone for a call (reason required; audited on the server). */
export const revealComplainantPhone = (id: string, reason: string) =>
  http.request({ method: 'POST', path: `/intake/cases/${encodeURIComponent(id)}/reveal-phone`, body: { reason }, schema: PhoneRevealResponseSchema });

export const getCase = (id: string): Promise<Complaint> => http.get(`/intake/cases/${encodeURIComponent(id)}`, ComplaintSchema);

/** One intake step (accept, refuse, mediate, …); each leaves a timeline entry the worker sees. */
// No Idempotency-Key: the route does not store answers, so a write is never retried.
export function actOnCase(id: string, action: IntakeActionInput): Promise<Complaint> {
  return http.request({ method: 'POST', path: `/intake/cases/${encodeURIComponent(id)}/actions`, body: action, schema: ComplaintSchema });
}

export interface RegistryFilters {
  status?: string;
  color?: string;
  cursor?: string;
}
export const searchRegistry = (f: RegistryFilters): Promise<z.infer<typeof RegistryListSchema>> => http.get('/registry/workers', RegistryListSchema, { ...f, limit: 20 });

export const revealWorker = (id: string, reason: string) =>
  http.request({ method: 'POST', path: `/registry/workers/${encodeURIComponent(id)}/reveal`, body: { reason }, schema: RevealResponseSchema });

export const getWatchCounts = (): Promise<WatchCounts> => http.get('/watch/counts', WatchCountsSchema);
/** Open follow-up tasks from the watch (overdue first in the counts). */
export const getFollowUps = (mine: boolean): Promise<FollowUpList> => http.get('/watch/tasks', FollowUpListSchema, mine ? { mine: 'true' } : {});

export const getMonthlyReport = (month: string): Promise<MonthlyReport> => http.get('/reports/monthly', MonthlyReportSchema, { month });

/** The xlsx address (needs the bearer token). */
export const reportXlsxUrl = (month: string) => `${appConfig.apiBaseUrl}/reports/monthly.xlsx?month=${encodeURIComponent(month)}`;

/** Downloads the month's xlsx: H5 saves it through the browser, weapp opens it for sharing or saving. */
export async function downloadReport(month: string): Promise<void> {
  const token = getAccessToken() ?? '';
  const url = reportXlsxUrl(month);
  if (process.env.TARO_ENV === 'weapp') {
    const res = await Taro.downloadFile({ url, header: { Authorization: `Bearer ${token}` } });
    await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'xlsx', showMenu: true });
    return;
  }
  const res = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`report ${res.status}`);
  const blobUrl = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = blobUrl;
  a.download = `monthly-${month}.xlsx`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(blobUrl);
}

/** A region's full name (e.g. the signed-in staff member's scope). */
export const getRegionName = async (code: string): Promise<string> => (await http.get(`/regions/${encodeURIComponent(code)}`, RegionDetailSchema)).fullName;
