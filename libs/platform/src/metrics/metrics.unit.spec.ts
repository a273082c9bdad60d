import { describe, expect, it } from 'vitest';
import { metrics } from './metrics';

describe('the metrics registry', () => {
  it('exposes a counter another module registered, in Prometheus text', async () => {
    const deliveries = metrics.counter({
      name: 'test_deliveries_total',
      help: 'Deliveries by outcome.',
      labelNames: ['outcome'],
    });
    deliveries.inc({ outcome: 'succeeded' }, 2);
    expect(await metrics.render()).toContain('test_deliveries_total{outcome="succeeded"} 2');
  });

  it('returns the same metric when a name is asked for twice', () => {
    const first = metrics.gauge({ name: 'test_outbox_lag', help: 'Outbox lag.' });
    expect(metrics.gauge({ name: 'test_outbox_lag', help: 'Outbox lag.' })).toBe(first);
  });

  it('includes the default process metrics', async () => {
    expect(await metrics.render()).toContain('process_cpu_user_seconds_total');
  });
});
