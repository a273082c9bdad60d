export { createLogsService } from './logs.service';
export { LOGS_SETTINGS } from './config';
