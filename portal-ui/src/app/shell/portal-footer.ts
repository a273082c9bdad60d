import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';

import { TranslatePipe } from '../i18n/translate.pipe';
import { Branding } from './branding';

/** The product credit, unless the operator's branding hides it. */
@Component({
  selector: 'hp-portal-footer',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe],
  template: `
    @if (!hidden()) {
      <footer class="footer" data-testid="powered-by">
        {{ 'shell.poweredBy' | t: { product: 'Hookport' } }}
      </footer>
    }
  `,
  styles: `
    .footer {
      max-width: var(--hp-max-width);
      margin: 0 auto;
      padding: var(--hp-space-6) var(--hp-space-5);
      color: var(--hp-muted);
      font-size: var(--hp-text-sm);
      text-align: center;
    }
  `,
})
export class PortalFooter {
  private readonly branding = inject(Branding);
  protected readonly hidden = computed(() => this.branding.branding()?.hidePoweredBy === true);
}
