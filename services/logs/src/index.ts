export { createLogsService } from './logs.service';
