import pino from 'pino';

// Paths redacted from every log line: credentials must never reach the logs.
const REDACT = [
  'authorization',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
  'secret',
  '*.secret',
  'token',
  '*.token',
  'code',
  '*.code',
  'password',
  '*.password',
];

export type Logger = pino.Logger;

export const createLogger = (
  service: string,
  level = process.env['HOOKPORT_LOG_LEVEL'] ?? 'info',
) =>
  pino({
    name: service,
    level,
    base: { service },
    redact: { paths: REDACT, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
