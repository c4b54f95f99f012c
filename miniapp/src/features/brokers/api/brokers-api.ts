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
  WorkerRegistrationResultSchema,
  type BrokerHome,
  type BrokerImport,
  type EntitlementList,
  type StageInput,
  type Team,
  type ConsentMethod,
  type TokenPair,
  type WorkerRegistrationInput,
  type WorkerRegistrationResult,
} from '@zhuanyi/shared';
import { saveSession } from '@/services/auth-token';
import { createIdempotencyKey, http } from '@/services/http';
import { uploadFile, type PickedFile } from '@/services/upload';
import { downloadXlsx } from './download';

/** Broker sign-in with the username and password given when applying. */
export async function signInBroker(username: string, password: string): Promise<TokenPair> {
  const pair = await http.request({ method: 'POST', path: '/auth/password', body: { username, password }, schema: TokenPairSchema });
  saveSession(pair);
  return pair;
}

export const getBrokerHome = (): Promise<BrokerHome> => http.get('/brokers/me/home', BrokerHomeSchema);
export const getMyPeople = (cursor?: string) => http.get('/brokers/me/people', BrokerPeopleSchema, { limit: 50, cursor });

/** Enrols one person with their consent (an existing record of mine is updated); the key makes a resend safe. */
export function enrolPerson(registration: WorkerRegistrationInput, consentMethod: ConsentMethod, idempotencyKey: string): Promise<WorkerRegistrationResult> {
  return http.request({
    method: 'POST',
    path: '/brokers/me/people',
    body: { consent: { given: true, method: consentMethod }, registration },
    schema: WorkerRegistrationResultSchema,
    idempotencyKey,
  });
}

/** Uploads a spreadsheet; the server processes it and the caller polls getImport. */
export const uploadImport = (file: PickedFile): Promise<BrokerImport> => uploadFile('/brokers/me/imports', 'file', file, BrokerImportSchema);
export const getImport = (id: string): Promise<BrokerImport> => http.get(`/brokers/me/imports/${encodeURIComponent(id)}`, BrokerImportSchema);

/** Downloads the template: H5 saves it through the browser, weapp opens it for sharing or saving. */
export const downloadTemplate = (): Promise<void> => downloadXlsx('/brokers/me/imports/template?format=xlsx', 'template.xlsx');

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
