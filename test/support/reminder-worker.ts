// A separate worker process for the "reminders exactly once" test: opens its own connection pool to the
// given database and runs the due reminders at the given instant, printing how many it wrote.

import pino from 'pino';
import { runDueReminders } from '../../src/booking/index.ts';
import { loadConfig } from '../../src/config.ts';
import type { Services } from '../../src/core/context.ts';
import { FileStore } from '../../src/core/files.ts';
import { Outbox } from '../../src/core/outbox.ts';
import { CoachRoles } from '../../src/core/roles.ts';
import { Scheduler } from '../../src/core/scheduler.ts';
import { openDb } from '../../src/db/index.ts';

const [url, at, batch] = process.argv.slice(2);
const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent' });
const log = pino({ level: 'silent' });
const db = await openDb({ url: url!, log });
const scheduler = new Scheduler(log);
const services: Services = {
  config,
  db,
  log,
  files: new FileStore(db, 'test-link-key'),
  outbox: new Outbox(db, log, scheduler),
  roles: new CoachRoles(db, []),
  scheduler,
};
// Like every app instance, which mounts the local API.
services.outbox.reachByIdAlone('local');
const written = await runDueReminders(services, new Date(at!), Number(batch ?? 50));
await db.close();
process.stdout.write(String(written));
