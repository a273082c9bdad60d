import type { MessageKey } from '../i18n/messages.en';
import type { MessageParams } from '../i18n/translate';
import type { PortalEndpointHealth } from './endpoints-api';

/**
 * What an endpoint's page says of its state, from the endpoint (enabled or not) and the health
 * the delivery log has of it: a circuit that pauses deliveries is not "Enabled", and an endpoint
 * disabled by a 410 or by the health policy says why.
 */
export interface EndpointStateText {
  label: MessageKey;
  /** A sentence under the label (why, until when); null when the label says it all. */
  detail: { key: MessageKey; params?: MessageParams } | null;
  /** When deliveries are tried again (an open circuit's next probe); null when not paused. */
  pausedUntil: string | null;
  isPaused: boolean;
  isDisabled: boolean;
}

/** The reasons delivery gives when it disables an endpoint (see delivery's health tracker). */
const GONE = /^410\b/;
const FAILED_FOR = /^every attempt failed for ([\d.]+) h$/;

export function endpointStateText(
  endpoint: { disabled?: boolean },
  health: PortalEndpointHealth | undefined,
): EndpointStateText {
  if (endpoint.disabled) {
    // The health row still says disabled after someone enabled and disabled by hand again;
    // its reason is the one delivery gave, so it is told only when it is delivery's.
    const reason = health?.health === 'disabled' ? (health.healthReason ?? '') : '';
    const hours = FAILED_FOR.exec(reason)?.[1];
    const detail: EndpointStateText['detail'] = GONE.test(reason)
      ? { key: 'endpoints.state.disabledGone' }
      : hours
        ? { key: 'endpoints.state.disabledFailing', params: { hours } }
        : reason
          ? { key: 'endpoints.state.disabledOther', params: { reason } }
          : null;
    return {
      label: 'endpoints.disabled',
      detail,
      pausedUntil: null,
      isPaused: false,
      isDisabled: true,
    };
  }
  if (health?.circuit === 'open' || health?.circuit === 'half-open') {
    const isProbing = health.circuit === 'half-open';
    return {
      label: isProbing ? 'endpoints.state.probing' : 'endpoints.state.paused',
      detail: {
        key: isProbing ? 'endpoints.state.probingDetail' : 'endpoints.state.pausedDetail',
        params: { count: health.consecutiveFailures },
      },
      pausedUntil: isProbing ? null : health.nextProbeAt,
      isPaused: true,
      isDisabled: false,
    };
  }
  return {
    label: 'endpoints.enabled',
    detail: null,
    pausedUntil: null,
    isPaused: false,
    isDisabled: false,
  };
}

/**
 * When a waiting delivery is next tried: its own retry time, or the circuit's next probe when
 * that is later (an open circuit holds every delivery of its endpoint until then).
 */
export function nextTryAt(nextAttemptAt: string | null, pausedUntil: string | null): string | null {
  if (!nextAttemptAt) return null;
  if (!pausedUntil) return nextAttemptAt;
  return Date.parse(pausedUntil) > Date.parse(nextAttemptAt) ? pausedUntil : nextAttemptAt;
}
