// HTTP shapes of the history area (management and portal API), shared with portal-ui.
import type { DeliveryStatus } from '../events/delivery.events';

/** One point of an endpoint's stats series. */
export interface EndpointStatsPoint {
  start: string;
  success: number;
  fail: number;
  p50: number | null;
  p95: number | null;
}

/**
 * `GET .../endpoint/{id}/stats`: Svix's `EndpointStats` counts (attempts in the range by
 * outcome; `pending` is capped at 10,000, `sending` is not tracked and `canceled` never happens: both 0), plus latency
 * percentiles and a series for charts.
 */
export interface EndpointStatsOut {
  success: number;
  pending: number;
  sending: number;
  fail: number;
  /** Svix's canceled deliveries: Hookport cancels none. */
  canceled: number;
  since: string;
  until: string;
  granularity: 'minute' | 'hour' | 'day';
  latencyMs: { p50: number | null; p95: number | null; p99: number | null };
  series: EndpointStatsPoint[];
}

/** Attempts by outcome per endpoint since a time: the endpoint list's success rates. */
export interface EndpointSuccessRates {
  since: string;
  data: { endpointId: string; success: number; fail: number }[];
}

/** What `GET /portal-api/v1/stream` pushes (server-sent events; `id` is the event position). */
export type LiveEvent =
  | {
      id: string;
      type: 'message';
      data: {
        messageId: string;
        eventType: string;
        eventId: string | null;
        endpointIds: string[];
        timestamp: string;
      };
    }
  | {
      id: string;
      type: 'attempt';
      data: {
        attemptId: string;
        messageId: string;
        endpointId: string;
        succeeded: boolean;
        deliveryStatus: DeliveryStatus;
        responseStatus: number | null;
        durationMs: number;
        errorClass: string | null;
        trigger: string;
        nextAttemptAt: string | null;
        timestamp: string;
      };
    }
  | {
      id: string;
      type: 'endpoint-health';
      data: {
        endpointId: string;
        health?: string;
        circuit?: string;
        nextProbeAt?: string | null;
        reason?: string;
        timestamp: string;
      };
    };
