import { ChangeDetectionStrategy, Component } from '@angular/core';

import { TranslatePipe } from '../i18n/translate.pipe';

/** The product credit; branding settings will be able to hide it. */
@Component({
  selector: 'hp-portal-footer',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe],
  template: `
    <footer class="footer" data-testid="powered-by">
      {{ 'shell.poweredBy' | t: { product: 'Hookport' } }}
    </footer>
  `,
  styles: `
    .footer {
      max-width: var(--hp-max-width);
      margin: 0 auto;
      padding: 1.5rem 1.25rem;
      color: var(--hp-muted);
      font-size: 0.8125rem;
      text-align: center;
    }
  `,
})
export class PortalFooter {}
