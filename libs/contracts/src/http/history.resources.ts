// The live tail's server-sent events, shared with portal-ui (not part of the OpenAPI document).
import type { DeliveryStatus } from '../events/delivery.events';

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
