import Taro from '@tarojs/taro';
import {
  BrokerHomeSchema,
  BrokerImportSchema,
  BrokerPeopleSchema,
  EntitlementListSchema,
  EntitlementSchema,
  JobListResponseSchema,
  TeamListSchema,
  TeamSchema,
  TokenPairSchema,
  type BrokerHome,
  type BrokerImport,
  type EntitlementList,
  type StageInput,
  type Team,
  type TokenPair,
} from '@zhuanyi/shared';
import { appConfig } from '@/config';
import { getAccessToken, saveSession } from '@/services/auth-token';
import { createIdempotencyKey, http } from '@/services/http';
import { uploadFile, type PickedFile } from '@/services/upload';

/** Broker sign-in with the username and password given when applying. */
export async function signInBroker(username: string, password: string): Promise<TokenPair> {
  const pair = await http.request({ method: 'POST', path: '/auth/password', body: { username, password }, schema: TokenPairSchema });
  saveSession(pair);
  return pair;
}

export const getBrokerHome = (): Promise<BrokerHome> => http.get('/brokers/me/home', BrokerHomeSchema);
export const getMyPeople = (cursor?: string) => http.get('/brokers/me/people', BrokerPeopleSchema, { limit: 50, cursor });

/** Uploads a spreadsheet; the server processes it and the caller polls getImport. */
export const uploadImport = (file: PickedFile): Promise<BrokerImport> => uploadFile('/brokers/me/imports', 'file', file, BrokerImportSchema);
export const getImport = (id: string): Promise<BrokerImport> => http.get(`/brokers/me/imports/${encodeURIComponent(id)}`, BrokerImportSchema);

/** The template's address (needs the bearer token). */
export const templateUrl = (format: 'xlsx' | 'csv') => `${appConfig.apiBaseUrl}/brokers/me/imports/template?format=${format}`;

/** Downloads the template: H5 saves it through the browser, weapp opens it for sharing or saving. */
export async function downloadTemplate(): Promise<void> {
  const token = getAccessToken() ?? '';
  if (process.env.TARO_ENV === 'weapp') {
    const res = await Taro.downloadFile({ url: templateUrl('xlsx'), header: { Authorization: `Bearer ${token}` } });
    await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'xlsx', showMenu: true });
    return;
  }
  const res = await fetch(templateUrl('xlsx'), { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`template ${res.status}`);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = 'template.xlsx';
  document.body.appendChild(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}

export const getJobs = () => http.get('/jobs', JobListResponseSchema, { limit: 50 });
export const getTeams = () => http.get('/brokers/me/teams', TeamListSchema);
export const getTeam = (id: string): Promise<Team> => http.get(`/brokers/me/teams/${encodeURIComponent(id)}`, TeamSchema);

export function createTeam(input: { name: string; jobId: string; memberIds: string[] }, idempotencyKey: string): Promise<Team> {
  return http.request({ method: 'POST', path: '/brokers/me/teams', body: input, schema: TeamSchema, idempotencyKey });
}
export const applyTeam = (id: string): Promise<Team> =>
  http.request({ method: 'POST', path: `/brokers/me/teams/${encodeURIComponent(id)}/application`, schema: TeamSchema });
export const recordStage = (id: string, input: StageInput): Promise<Team> =>
  http.request({ method: 'POST', path: `/brokers/me/teams/${encodeURIComponent(id)}/stages`, body: input, schema: TeamSchema, idempotencyKey: createIdempotencyKey() });

export const getSubsidies = (): Promise<EntitlementList> => http.get('/brokers/me/subsidies', EntitlementListSchema, { limit: 100 });
export const claimSubsidy = (id: string) =>
  http.request({ method: 'POST', path: `/brokers/me/subsidies/${encodeURIComponent(id)}/claim`, schema: EntitlementSchema });
