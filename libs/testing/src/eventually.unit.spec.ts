import { describe, expect, it } from 'vitest';
import { eventually } from './eventually';

describe('eventually', () => {
  it('resolves with the value of the first check that does not throw', async () => {
    // Given a check that fails twice, then succeeds
    let calls = 0;
    const check = () => {
      calls += 1;
      if (calls < 3) throw new Error(`not yet (${calls})`);
      return 'done';
    };

    // When waiting for it
    const result = await eventually(check, { intervalMs: 1 });

    // Then the successful value comes back after exactly three calls
    expect(result).toBe('done');
    expect(calls).toBe(3);
  });

  it('keeps trying while a boolean check returns false', async () => {
    let calls = 0;

    const result = await eventually(async () => ++calls >= 4, { intervalMs: 1 });

    expect(result).toBe(true);
    expect(calls).toBe(4);
  });

  it('waits the interval between two attempts', async () => {
    const attempts: number[] = [];

    await eventually(
      () => {
        attempts.push(performance.now());
        return attempts.length === 3;
      },
      { intervalMs: 40 },
    );

    // Timers may fire a little early or late; 30 ms leaves room without letting a busy loop pass.
    expect(attempts[1]! - attempts[0]!).toBeGreaterThanOrEqual(30);
    expect(attempts[2]! - attempts[1]!).toBeGreaterThanOrEqual(30);
  });

  it('throws the last error, prefixed with the message, when time runs out', async () => {
    let calls = 0;
    const waiting = eventually(
      () => {
        calls += 1;
        expect(calls).toBe(-1);
      },
      { timeoutMs: 120, intervalMs: 10, message: 'the delivery never arrived' },
    );

    const error = await waiting.then(
      () => undefined,
      (thrown: unknown) => thrown as Error & { actual?: unknown; expected?: unknown },
    );

    expect(error).toBeInstanceOf(Error);
    expect(error!.message).toMatch(
      /^the delivery never arrived \(gave up after 120 ms, \d+ attempts\): /,
    );
    expect(error!.message).toContain(`expected ${calls} to be -1`);
    // Still the assertion's own error, so the runner can show its diff.
    expect(error!.expected).toBe(-1);
    expect(error!.stack).toContain('the delivery never arrived');
  });

  it('says so when a boolean check was still false at the deadline', async () => {
    await expect(eventually(() => false, { timeoutMs: 60, intervalMs: 5 })).rejects.toThrow(
      /condition not met .*: check returned false/,
    );
  });

  it('gives up on a check that never settles instead of hanging', async () => {
    const started = performance.now();

    await expect(
      eventually(() => new Promise<never>(() => undefined), { timeoutMs: 80 }),
    ).rejects.toThrow(/the last one still running/);

    // The hung attempt is abandoned after at most the timeout (80 ms here), not awaited forever.
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
