import {
  BrokerListSchema,
  BrokerProfileSchema,
  EntitlementListSchema,
  EntitlementSchema,
  TeamListSchema,
  TeamSchema,
  type BrokerDecision,
  type BrokerProfile,
  type BrokerStatus,
  type Entitlement,
  type EntitlementDecision,
  type EntitlementState,
  type Team,
} from '@zhuanyi/shared';
import { http } from '@/services/http';
import { downloadXlsx } from './download';

/** Staff: brokers and applications of my region (the BFF scopes by the token). */
export const listBrokers = (status?: BrokerStatus) => http.get('/brokers', BrokerListSchema, { status, limit: 100 });
export const decideBroker = (id: string, decision: BrokerDecision): Promise<BrokerProfile> =>
  http.request({ method: 'POST', path: `/brokers/${encodeURIComponent(id)}/decisions`, body: decision, schema: BrokerProfileSchema });

/** Teams of my region with stages not yet confirmed. */
export const listTeamsToConfirm = () => http.get('/brokers/teams', TeamListSchema, { unconfirmed: 'true' });
export const confirmStage = (teamId: string, stageId: string): Promise<Team> =>
  http.request({ method: 'POST', path: `/brokers/teams/${encodeURIComponent(teamId)}/stages/${encodeURIComponent(stageId)}/confirmation`, body: {}, schema: TeamSchema });

/** The region's subsidy ledger, by state (claims waiting: `claimed`). */
export const listEntitlements = (state: EntitlementState) => http.get('/subsidies', EntitlementListSchema, { state, limit: 100 });
export const decideEntitlement = (id: string, decision: EntitlementDecision): Promise<Entitlement> =>
  http.request({ method: 'POST', path: `/subsidies/${encodeURIComponent(id)}/decisions`, body: decision, schema: EntitlementSchema });

/** The approved claims of a period as xlsx, for the finance office. */
export const downloadApprovedClaims = (from: string, to: string) =>
  downloadXlsx(`/subsidies/export?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, `subsidies-${from}-${to}.xlsx`);
