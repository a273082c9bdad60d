import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

import { TranslatePipe } from '../i18n/translate.pipe';
import { deliveryStatusLabel, type DeliveryStatus } from './delivery-status';

/** A delivery's status as a word, with a colour and a glyph that only repeat it. */
@Component({
  selector: 'hp-delivery-status-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe],
  template: `<span
    class="badge"
    [class]="'badge--' + status()"
    data-testid="delivery-status"
    [attr.data-status]="status()"
    >{{ labelKey() | t }}</span
  >`,
  styles: `
    .badge {
      display: inline-flex;
      align-items: center;
      gap: 0.3em;
      padding: 0.1em 0.55em;
      border: 1px solid transparent;
      border-radius: 999px;
      font-size: var(--hp-text-sm);
      font-weight: 600;
      line-height: 1.4;
      white-space: nowrap;
    }
    /* The glyph is decoration: the alternative text after the slash is empty. */
    .badge::before {
      font-weight: 700;
    }
    .badge--succeeded {
      color: var(--hp-success-fg);
      background: var(--hp-success-bg);
      border-color: var(--hp-success-border);
    }
    .badge--succeeded::before {
      content: '✓' / '';
    }
    .badge--failed {
      color: var(--hp-danger-fg);
      background: var(--hp-danger-bg);
      border-color: var(--hp-danger-border);
    }
    .badge--failed::before {
      content: '✕' / '';
    }
    .badge--retrying {
      color: var(--hp-warning-fg);
      background: var(--hp-warning-bg);
      border-color: var(--hp-warning-border);
    }
    .badge--retrying::before {
      content: '↻' / '';
    }
    .badge--pending {
      color: var(--hp-neutral-fg);
      background: var(--hp-neutral-bg);
      border-color: var(--hp-neutral-border);
    }
    .badge--canceled {
      color: var(--hp-neutral-fg);
      background: var(--hp-neutral-bg);
      border-color: var(--hp-neutral-border);
    }
    .badge--canceled::before {
      content: '⊘' / '';
    }
    .badge--pending::before {
      content: '…' / '';
    }
  `,
})
export class DeliveryStatusBadge {
  readonly status = input.required<DeliveryStatus>();

  protected readonly labelKey = computed(() => deliveryStatusLabel(this.status()));
}
