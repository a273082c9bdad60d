import { defineSettings, settingsClass } from './settings';

/**
 * Limits of every Hookport HTTP server, public or internal: slow or hostile clients are cut off
 * instead of holding sockets open. One table for all five services.
 */
export const HTTP_SERVER_SETTINGS = defineSettings({
  HOOKPORT_HTTP_REQUEST_TIMEOUT_MS: {
    type: 'integer',
    default: 30_000,
    min: 1_000,
    max: 600_000,
    description: 'Milliseconds a client has to send a whole request (headers and body); then 408.',
    chartValue: 'config.httpRequestTimeoutMs',
  },
  HOOKPORT_HTTP_HEADERS_TIMEOUT_MS: {
    type: 'integer',
    default: 10_000,
    min: 1_000,
    max: 600_000,
    description: "Milliseconds a client has to send a request's headers; then 408.",
    chartValue: 'config.httpHeadersTimeoutMs',
  },
  HOOKPORT_HTTP_IDLE_TIMEOUT_MS: {
    type: 'integer',
    default: 60_000,
    min: 1_000,
    max: 3_600_000,
    // Services behind the gateway must outlast its 30-second keep-alive to them; live streams
    // send a heartbeat every 15 s.
    description:
      'Milliseconds a connection may stay silent (no byte either way) before it is closed; keep the services behind the gateway above its 30000 keep-alive.',
    chartValue: 'config.httpIdleTimeoutMs',
  },
  HOOKPORT_HTTP_MAX_HEADER_BYTES: {
    type: 'integer',
    default: 16_384,
    min: 4_096,
    max: 1_048_576,
    description: "Largest size of a request's headers, in bytes; larger is answered 431.",
    chartValue: 'config.httpMaxHeaderBytes',
  },
});

export class HttpServerConfig extends settingsClass(HTTP_SERVER_SETTINGS) {}
