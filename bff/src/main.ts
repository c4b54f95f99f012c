/**
 * start(): config → database → indexes → demo data → listen. Any start-up failure prints
 * one line saying what to fix and exits with 1. SIGTERM/SIGINT stop accepting connections,
 * close the database and stop the embedded engine.
 */
import { createServer, type Server } from 'node:http';
import { createApp } from './app';
import { ConfigError, loadConfig, type Config } from './config/env';
import { connectDatabase, DatabaseUnavailableError, ensureIndexes, type Database } from './db/connection';
import { createLogger, type Logger } from './logging/logger';
import { regionRepository } from './modules/regions/regions.repository';
import { existingDemoLogins, seedDemoData } from './seed/seed';
import { backfillJobSearchFields } from './modules/jobs/jobs.repository';
import { backfillApplicationRegions } from './modules/applications/application-regions';
import { startPesConnector } from './integrations/pes/pes.connector';
import { startUploadSweeper } from './db/upload-sweeper';
import { installLastResort } from './process-guard';

export interface Running {
  config: Config;
  server: Server;
  db: Database;
  stop(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function publicUrl(config: Config, server: Server): string {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}/`;
}

async function printBanner(config: Config, server: Server, db: Database): Promise<void> {
  const lines = [
    '',
    `农牧民转移就业服务 is running: ${publicUrl(config, server)}`,
    `  API: ${publicUrl(config, server)}api/v1   OpenAPI: ${publicUrl(config, server)}api/openapi.json`,
    `  Database: ${db.kind === 'embedded' ? `embedded engine${config.embeddedDbProcess ? ' in its own process' : ''} (${db.displayUri}, data in ${config.dataDir})` : db.displayUri}`,
  ];
  if (config.seedDemoData) {
    const logins = await existingDemoLogins();
    if (logins.length > 0) {
      lines.push('  Demo logins (development only):');
      for (const l of logins) lines.push(`    ${l.role.padEnd(7)} ${l.username.padEnd(8)} / ${l.password.padEnd(18)} ${l.displayName} · ${l.scopeName}`);
    }
  }
  process.stdout.write(lines.join('\n') + '\n\n');
}

export async function start(): Promise<Running> {
  const config = loadConfig();
  const logger: Logger = createLogger({ level: config.logLevel });
  installLastResort(logger);
  const db = await connectDatabase({
    ...config,
    // Without its database the BFF can only fail: exit so a supervisor restarts both.
    onEmbeddedExit: (reason) => {
      logger.fatal({ reason }, 'the embedded database engine stopped unexpectedly');
      process.exit(1);
    },
  });
  try {
    await ensureIndexes();
    const backfilled = await backfillJobSearchFields();
    if (backfilled > 0) logger.info({ jobs: backfilled }, 'keyword search fields added to older jobs');
    const regioned = await backfillApplicationRegions();
    if (regioned > 0) logger.info({ applications: regioned }, "older applications given their job's region");
    regionRepository();
    // Chunks and files of uploads a killed process left behind (old enough not to be in progress).
    const stopSweeper = startUploadSweeper(logger, config.uploadSweepAgeMs);
    if (config.seedDemoData) {
      const seeded = await seedDemoData();
      if (seeded.seeded) logger.info({ seeded }, 'demo data seeded into the empty database');
    }
    // Outbox delivery and job/course sync (development: against a fake PES started here).
    const pes = await startPesConnector(config, logger);
    const app = createApp({ config, logger, db, pes });
    const server = createServer(app.callback());
    await listen(server, config.port, config.host).catch((err: unknown) => {
      const code = err !== null && typeof err === 'object' ? Reflect.get(err, 'code') : undefined;
      if (code === 'EADDRINUSE') throw new ConfigError(`Port ${config.port} on ${config.host} is in use: stop the other process or set PORT.`);
      throw err;
    }).catch(async (err: unknown) => {
      await pes?.stop();
      throw err;
    });
    await printBanner(config, server, db);
    if (pes) process.stdout.write(`  PES: ${pes.fake ? `fake PES (development) at ${pes.baseUrl}` : pes.baseUrl}; sync and outbox delivery running\n\n`);
    // Villages load on first use; load them now, in slices, rather than on a person's first tap.
    regionRepository()
      .warmUpInBackground()
      .catch((err: unknown) => logger.warn({ err }, 'village data not preloaded; it loads on first use'));

    let stopping: Promise<void> | undefined;
    const stop = () => {
      stopping ??= (async () => {
        logger.info('shutting down');
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
          setTimeout(() => server.closeAllConnections(), 5000).unref();
        });
        stopSweeper();
        await pes?.stop();
        await db.close();
        logger.info('stopped');
      })();
      return stopping;
    };
    return { config, server, db, stop };
  } catch (err: unknown) {
    await db.close().catch(() => undefined);
    throw err;
  }
}

function oneLine(err: unknown): string {
  if (err instanceof ConfigError || err instanceof DatabaseUnavailableError) return err.message;
  const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
  return `Start-up failed: ${message}`;
}

if (require.main === module) {
  let running: Running | undefined;
  let stopRequested = false;
  const shutdown = () => {
    if (stopRequested && !running) return;
    stopRequested = true;
    // A signal during start-up waits for start() and then stops.
    running?.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`Shutdown failed: ${oneLine(err)}\n`);
        process.exit(1);
      },
    );
  };
  // `on`, not `once`: a second signal (tsx relays them too) must not fall back to the default exit.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, shutdown);
  start().then(
    (r) => {
      running = r;
      if (stopRequested) shutdown();
    },
    (err: unknown) => {
      process.stderr.write(oneLine(err) + '\n');
      process.exit(1);
    },
  );
}
