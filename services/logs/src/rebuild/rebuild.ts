import { randomUUID } from 'node:crypto';
import { CONSUMER_GROUPS } from '@hookport/contracts';
import { runMigrations, runtimeFromEnv, SecretBox, subscriptionOf } from '@hookport/platform';
import { loadLogsConfig } from '../config';
import { LOGS_MIGRATIONS } from '../migrations';
import {
  DELIVERY_HISTORY_CONSUMER,
  DeliveryHistoryProjection,
} from '../projection/delivery-history.projection';
import { countReadModels, emptyReadModels } from './read-models.repository';

/**
 * `npm run logs:rebuild` (`logs --rebuild`): empties the read models and replays the delivery
 * topic from its beginning through the same projection, under a consumer group of its own,
 * until it has read everything that was on the topic when it started. Safe beside a running
 * logs service: the projection is idempotent (each event applied once, newest state wins), so
 * both converge on the same rows.
 */
export const rebuildLogs = async (env = process.env): Promise<void> => {
  const started = performance.now();
  // Before anything is emptied: the attempts' header values are sealed as they are replayed.
  const box = new SecretBox(loadLogsConfig(env).HOOKPORT_ENCRYPTION_KEY);
  const runtime = await runtimeFromEnv({ service: 'logs-rebuild', env, poolSize: 4 });
  try {
    await runMigrations(runtime.db, 'logs', LOGS_MIGRATIONS);
    await emptyReadModels(runtime.db);
    const projection = new DeliveryHistoryProjection(runtime.db, box);
    let events = 0;
    await runtime.bus.subscribe(
      subscriptionOf(
        {
          ...DELIVERY_HISTORY_CONSUMER,
          groupId: `${CONSUMER_GROUPS.logsProjection}.rebuild.${randomUUID()}`,
          catchUpBeforeReady: true,
        },
        async (batch) => {
          await projection.handle(batch.events);
          events += batch.events.length;
        },
      ),
    );
    while (!runtime.bus.isReady()) await new Promise((resolve) => setTimeout(resolve, 100));
    const counts = await countReadModels(runtime.db);
    const seconds = (performance.now() - started) / 1000;
    console.log(
      JSON.stringify({
        rebuilt: counts,
        eventsReplayed: events,
        seconds: Number(seconds.toFixed(2)),
      }),
    );
  } finally {
    await runtime.bus.close();
    await runtime.db.close();
  }
};
