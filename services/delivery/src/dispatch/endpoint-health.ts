import type { EndpointHealth, EndpointHealthChangedV1 } from '@hookport/contracts';

interface State {
  health: EndpointHealth;
  failingSince: number | null;
}

export interface HealthRow {
  endpoint_id: string;
  health: EndpointHealth;
  failing_since: Date | null;
}

/**
 * Staged endpoint health, as Svix users know it: an endpoint whose attempts fail is `failing`
 * (a warning event) from its first failure; when every attempt has failed for
 * `disableAfterMs`, it is `disabled` (the endpoints service disables it on that event); one
 * success makes it `healthy` again. Every transition is an event.
 */
export class EndpointHealthTracker {
  private readonly states = new Map<string, State>();

  constructor(private readonly disableAfterMs: number) {}

  load(rows: HealthRow[]): void {
    for (const row of rows) {
      this.states.set(row.endpoint_id, {
        health: row.health,
        failingSince: row.failing_since?.getTime() ?? null,
      });
    }
  }

  /** The transition this attempt's outcome causes, if any. */
  record(
    endpointId: string,
    appId: string,
    succeeded: boolean,
    now: number,
  ): EndpointHealthChangedV1 | null {
    const state = this.states.get(endpointId) ?? { health: 'healthy', failingSince: null };
    const change = (health: EndpointHealth, reason: string, failingSince: number | null) => {
      const previous = state.health;
      this.states.set(endpointId, { health, failingSince });
      return {
        endpointId,
        appId,
        health,
        previous,
        reason,
        failingSince: failingSince === null ? null : new Date(failingSince).toISOString(),
        changedAt: new Date(now).toISOString(),
      };
    };
    if (succeeded) {
      return state.health === 'healthy' ? null : change('healthy', 'recovered', null);
    }
    if (state.health !== 'failing') {
      return change('failing', 'delivery attempts are failing', now);
    }
    const since = state.failingSince ?? now;
    if (now - since >= this.disableAfterMs) {
      // Three significant digits: a policy of minutes reads 0.002 h, not 0 h.
      const hours = Number((this.disableAfterMs / 3_600_000).toPrecision(3));
      return change('disabled', `every attempt failed for ${hours} h`, since);
    }
    return null;
  }

  /**
   * An endpoint disabled for another reason (410 Gone): the transition, or null when it already
   * was (several attempts in flight answer 410 together; one event says it).
   */
  disable(
    endpointId: string,
    appId: string,
    reason: string,
    now: number,
  ): EndpointHealthChangedV1 | null {
    const previous = this.states.get(endpointId)?.health ?? 'healthy';
    if (previous === 'disabled') return null;
    this.states.set(endpointId, { health: 'disabled', failingSince: null });
    return {
      endpointId,
      appId,
      health: 'disabled',
      previous,
      reason,
      failingSince: null,
      changedAt: new Date(now).toISOString(),
    };
  }
}
