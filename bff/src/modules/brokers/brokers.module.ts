/** Wires brokers (application, enrolment, import, teams, home) and the subsidy rules and ledger. */
import type { RouteGroup } from '../../http/route';
import type { Logger } from '../../logging/logger';
import type { Clock } from '../../security/clock';
import type { FieldCrypto } from '../../security/field-crypto';
import { AuditService } from '../audit/audit.service';
import { OutcomeService } from '../outcomes/outcomes.service';
import { SubsidyService } from '../subsidies/subsidies.service';
import { GrantService } from '../subsidies/grants.service';
import { createSubsidyRoutes } from '../subsidies/subsidies.routes';
import type { WorkerService } from '../workers/workers.service';
import { createBrokerRoutes } from './brokers.routes';
import { BrokerService } from './brokers.service';
import { ImportService } from './imports.service';
import { TeamService } from './teams.service';

export interface BrokersModule {
  brokers: BrokerService;
  imports: ImportService;
  teams: TeamService;
  subsidies: SubsidyService;
  routes: RouteGroup[];
}

export function createBrokersModule(deps: { crypto: FieldCrypto; clock: Clock; workers: WorkerService; logger?: Logger }): BrokersModule {
  const subsidies = new SubsidyService({ clock: deps.clock });
  const brokers = new BrokerService({ crypto: deps.crypto, clock: deps.clock, workers: deps.workers, subsidies });
  const imports = new ImportService({ workers: deps.workers, clock: deps.clock, crypto: deps.crypto, ...(deps.logger ? { logger: deps.logger } : {}) });
  const audit = new AuditService(deps.clock);
  const outcomes = new OutcomeService({ clock: deps.clock, audit });
  const teams = new TeamService({ clock: deps.clock, crypto: deps.crypto, subsidies, outcomes });
  return { brokers, imports, teams, subsidies, routes: [createBrokerRoutes({ brokers, imports, teams, subsidies }), ...createSubsidyRoutes(subsidies, new GrantService({ clock: deps.clock, subsidies, audit }))] };
}
