/**
 * Starts the PES connector of one BFF instance: the outbox delivery and the scheduled inbound
 * sync, against PES_BASE_URL or, in development, a fake PES started beside the BFF.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Config } from '../../config/env';
import type { Logger } from '../../logging/logger';
import { systemClock, type Clock } from '../../security/clock';
import { FieldCrypto } from '../../security/field-crypto';
import { publishDemoFeed, startFakePes, type FakePes } from './fake-pes-server';
import { InboundSync } from './inbound-sync';
import { onPesOutboxWrite } from './outbox';
import { OutboxDispatcher } from './outbox-dispatcher';
import { HttpPesAdapter } from './pes.adapter';
import type { PesControls } from './pes.service';
import { pesUpstreamContext } from './upstream-employment';

export interface PesConnector extends PesControls {
  baseUrl: string;
  /** The fake PES when development started one. */
  fake: FakePes | undefined;
  dispatcher: OutboxDispatcher;
  sync: InboundSync;
  stop(): Promise<void>;
}

/** This instance's name in leases and claims. */
export function instanceName(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/** Undefined when the connector is off. */
export async function startPesConnector(config: Config, logger: Logger, clock?: Clock): Promise<PesConnector | undefined> {
  const pes = config.pes;
  if (!pes.enabled) return undefined;
  let fake: FakePes | undefined;
  let baseUrl = pes.baseUrl;
  if (pes.startFake) {
    fake = await startFakePes({ apiKey: pes.apiKey });
    publishDemoFeed(fake);
    baseUrl = fake.baseUrl;
  }
  if (!baseUrl) return undefined;
  const adapter = new HttpPesAdapter({ baseUrl, apiKey: pes.apiKey, timeoutMs: pes.timeoutMs });
  const owner = instanceName();
  const crypto = new FieldCrypto(config.fieldEncryptionKey);
  const dispatcher = new OutboxDispatcher({
    adapter,
    crypto,
    logger,
    owner,
    concurrency: pes.concurrency,
    maxAttempts: pes.maxAttempts,
    backoffBaseMs: pes.backoffBaseMs,
    backoffMaxMs: pes.backoffMaxMs,
    leaseMs: Math.max(pes.leaseMs, pes.timeoutMs * 2),
    intervalMs: pes.outboxIntervalMs,
    ...(clock ? { clock } : {}),
  });
  const context = pesUpstreamContext(crypto, clock ?? systemClock);
  const sync = new InboundSync({ adapter, logger, owner, leaseMs: pes.leaseMs, intervalMs: pes.syncIntervalMs, context, ...(clock ? { clock } : {}) });
  const unsubscribe = onPesOutboxWrite(() => dispatcher.kick());
  dispatcher.start();
  sync.start();
  logger.info({ pes: { baseUrl, fake: fake !== undefined, owner } }, 'PES connector started');
  return {
    baseUrl,
    fake,
    dispatcher,
    sync,
    runSync: (kind) => sync.runOnce(kind),
    kick: () => dispatcher.kick(),
    async stop() {
      unsubscribe();
      await Promise.all([sync.stop(), dispatcher.stop()]);
      await fake?.stop();
    },
  };
}
