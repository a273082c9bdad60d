import { IsInt, Max, Min } from 'class-validator';

/**
 * Limits of every Hookport HTTP server, public or internal: slow or hostile clients are cut off
 * instead of holding sockets open. One definition for all five services.
 */
export class HttpServerConfig {
  /** Milliseconds a client has to send a whole request (headers and body); then 408. */
  @IsInt()
  @Min(1_000)
  @Max(600_000)
  HOOKPORT_HTTP_REQUEST_TIMEOUT_MS: number = 30_000;

  /** Milliseconds a client has to send a request's headers; then 408. */
  @IsInt()
  @Min(1_000)
  @Max(600_000)
  HOOKPORT_HTTP_HEADERS_TIMEOUT_MS: number = 10_000;

  /**
   * Milliseconds a connection may stay silent (no byte either way) before it is closed: an
   * opened connection that sends nothing, or a keep-alive one left unused. For the services
   * behind the gateway keep it above the gateway's 30-second keep-alive to them; live streams
   * send a heartbeat every 15 s.
   */
  @IsInt()
  @Min(1_000)
  @Max(3_600_000)
  HOOKPORT_HTTP_IDLE_TIMEOUT_MS: number = 60_000;

  /** Largest size of a request's headers, in bytes; larger is answered 431. */
  @IsInt()
  @Min(4_096)
  @Max(1_048_576)
  HOOKPORT_HTTP_MAX_HEADER_BYTES: number = 16_384;
}
