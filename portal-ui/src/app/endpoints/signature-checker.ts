import { ChangeDetectionStrategy, Component, input, signal } from '@angular/core';

import type { MessageKey } from '../i18n/messages.en';
import { TranslatePipe } from '../i18n/translate.pipe';
import { checkSignature, type SignatureCheck } from './signature-check';

const REASON_KEYS: Record<Exclude<SignatureCheck, { ok: true }>['reason'], MessageKey> = {
  'missing-headers': 'checker.reason.missingHeaders',
  'bad-secret': 'checker.reason.badSecret',
  'no-v1-signature': 'checker.reason.noV1',
  mismatch: 'checker.reason.mismatch',
  'timestamp-outside-tolerance': 'checker.reason.timestamp',
};

/**
 * Paste a webhook's headers and body and see whether they verify with the endpoint's secret,
 * and if not, why. Runs entirely in the browser: nothing pasted here leaves the page.
 */
@Component({
  selector: 'hp-signature-checker',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe],
  template: `
    <section class="card" aria-labelledby="checker-title" data-testid="signature-checker">
      <h3 id="checker-title">{{ 'checker.title' | t }}</h3>
      <p class="hint">{{ 'checker.hint' | t }}</p>
      <form (submit)="check($event)">
        <div class="field">
          <label for="checker-secret">{{ 'checker.secret' | t }}</label>
          <input
            id="checker-secret"
            type="text"
            name="secret"
            autocomplete="off"
            [value]="secret() ?? ''"
          />
        </div>
        <div class="grid">
          <div class="field">
            <label for="checker-id">webhook-id</label>
            <input id="checker-id" type="text" name="id" autocomplete="off" />
          </div>
          <div class="field">
            <label for="checker-timestamp">webhook-timestamp</label>
            <input id="checker-timestamp" type="text" name="timestamp" autocomplete="off" />
          </div>
        </div>
        <div class="field">
          <label for="checker-signature">webhook-signature</label>
          <input id="checker-signature" type="text" name="signature" autocomplete="off" />
        </div>
        <div class="field">
          <label for="checker-body">{{ 'checker.body' | t }}</label>
          <textarea id="checker-body" name="body" rows="5"></textarea>
        </div>
        <button type="submit" class="button button--secondary">{{ 'checker.check' | t }}</button>
      </form>
      <div aria-live="polite">
        @if (result(); as outcome) {
          @if (outcome.ok) {
            <p class="alert alert--success" data-testid="checker-result">
              {{ 'checker.valid' | t }}
            </p>
          } @else {
            <p class="alert" data-testid="checker-result">{{ reasonKey(outcome) | t }}</p>
          }
        }
      </div>
    </section>
  `,
  styles: `
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
      gap: 0 var(--hp-space-4);
    }
    .alert {
      margin-top: var(--hp-space-4);
    }
  `,
})
export class SignatureChecker {
  /** The endpoint's secret when revealed; the field stays editable either way. */
  readonly secret = input<string | null>(null);
  protected readonly result = signal<SignatureCheck | null>(null);

  protected reasonKey(outcome: Exclude<SignatureCheck, { ok: true }>): MessageKey {
    return REASON_KEYS[outcome.reason];
  }

  protected async check(event: Event): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const field = (name: string) => String(form.get(name) ?? '');
    this.result.set(
      await checkSignature({
        secret: field('secret'),
        id: field('id'),
        timestamp: field('timestamp'),
        signature: field('signature'),
        body: field('body'),
        now: Math.floor(Date.now() / 1000),
      }),
    );
  }
}
