import 'reflect-metadata';
import { runServiceProcess } from '@hookport/platform';
import { createLogsService } from './logs.service';

void runServiceProcess('logs', createLogsService);
