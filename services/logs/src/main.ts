import 'reflect-metadata';
import { runServiceProcess } from '@hookport/platform';
import { LOGS_MIGRATIONS } from './migrations';
import { createLogsService } from './logs.service';

void runServiceProcess('logs', createLogsService, { migrations: LOGS_MIGRATIONS });
