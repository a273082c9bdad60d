import 'reflect-metadata';
import { runServiceProcess } from '@hookport/platform';
import { LOGS_MIGRATIONS } from './migrations';
import { createLogsService } from './logs.service';
import { rebuildLogs } from './rebuild/rebuild';

if (process.argv.includes('--rebuild')) {
  rebuildLogs().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
} else {
  void runServiceProcess('logs', createLogsService, { migrations: LOGS_MIGRATIONS });
}
