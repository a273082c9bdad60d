/**
 * A worker loop's sleep that a wake-up cuts short (the outbox relay, delivery's claim loop). A
 * wake-up that comes while the loop is busy is kept, so the next sleep returns at once.
 */
export class WakeSignal {
  private requested = false;
  private wakeUp: (() => void) | null = null;

  wake(): void {
    this.requested = true;
    this.wakeUp?.();
  }

  /** Forgets the wake-ups so far: the cycle about to run covers what they were for. */
  clear(): void {
    this.requested = false;
  }

  /** Waits for a wake-up or `ms`; true when woken. */
  sleep(ms: number): Promise<boolean> {
    if (this.requested) {
      this.requested = false;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const finish = (woken: boolean) => {
        clearTimeout(timer);
        this.wakeUp = null;
        this.requested = false;
        resolve(woken);
      };
      const timer = setTimeout(() => finish(false), ms);
      this.wakeUp = () => finish(true);
    });
  }
}
