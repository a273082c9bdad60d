import { ChangeDetectionStrategy, Component, inject, signal, type OnInit } from '@angular/core';

import { portalGetAuditLog, type AuditLogEntryOut } from '@hookport/client';

import { PortalClient } from '../api/portal-client';
import { I18n } from '../i18n/i18n';
import { TranslatePipe } from '../i18n/translate.pipe';

/** One entry of `GET /portal-api/v1/audit-log`. */
export type AuditEntry = AuditLogEntryOut;

/** Who did it, as a reader recognises it: the session's metadata when it has some. */
export function actorLabel(actor: AuditEntry['actor']): string {
  const metadata = Object.entries(actor.metadata ?? {});
  if (metadata.length > 0) return metadata.map(([key, value]) => `${key}: ${value}`).join(', ');
  return actor.kind === 'api-key' ? `API (${actor.id})` : `${actor.kind} ${actor.id}`;
}

/** The application's activity: every change, who made it (with session metadata) and when. */
@Component({
  selector: 'hp-audit-log',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe],
  template: `
    <section aria-labelledby="audit-title">
      <h2 id="audit-title" class="title">{{ 'audit.title' | t }}</h2>
      @if (failed()) {
        <p class="error" role="alert">{{ 'audit.failed' | t }}</p>
      }
      @let rows = entries();
      @if (rows === null) {
        <p class="muted" role="status">{{ 'audit.loading' | t }}</p>
      } @else if (rows.length === 0) {
        <p class="muted" data-testid="audit-empty">{{ 'audit.empty' | t }}</p>
      } @else {
        <div class="scroll" tabindex="0" role="region" aria-labelledby="audit-title">
          <table class="table" data-testid="audit-table">
            <caption>
              {{
                'audit.caption' | t
              }}
            </caption>
            <thead>
              <tr>
                <th scope="col">{{ 'audit.column.time' | t }}</th>
                <th scope="col">{{ 'audit.column.action' | t }}</th>
                <th scope="col">{{ 'audit.column.actor' | t }}</th>
                <th scope="col">{{ 'audit.column.details' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (entry of rows; track entry.id) {
                <tr data-testid="audit-row">
                  <td>
                    <time [attr.datetime]="entry.occurredAt">{{
                      i18n.formatDateTime(entry.occurredAt)
                    }}</time>
                  </td>
                  <td>
                    <code>{{ entry.type }}</code>
                  </td>
                  <td data-testid="audit-actor">{{ label(entry) }}</td>
                  <td>
                    <code class="id">{{ entry.resource }}</code>
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
        @if (next()) {
          <button type="button" class="button more" (click)="load(next())">
            {{ 'audit.more' | t }}
          </button>
        }
      }
    </section>
  `,
  styles: `
    .title {
      margin: 0 0 var(--hp-space-4);
      font-size: var(--hp-text-xl);
    }
    .scroll {
      overflow-x: auto;
      border: 1px solid var(--hp-border);
      border-radius: var(--hp-radius);
    }
    .table {
      width: 100%;
      border-collapse: collapse;
      font-size: var(--hp-text-sm);
    }
    caption {
      padding: var(--hp-space-3) var(--hp-space-4);
      text-align: start;
      color: var(--hp-muted);
    }
    th,
    td {
      padding: var(--hp-space-3) var(--hp-space-3);
      text-align: start;
      border-top: 1px solid var(--hp-border);
      vertical-align: top;
    }
    .id {
      font-size: var(--hp-text-xs);
    }
    .more {
      margin-top: var(--hp-space-4);
    }
    .muted {
      color: var(--hp-muted);
    }
    .error {
      color: var(--hp-danger-fg);
    }
  `,
})
export class AuditLog implements OnInit {
  private readonly api = inject(PortalClient);
  protected readonly i18n = inject(I18n);
  protected readonly entries = signal<readonly AuditEntry[] | null>(null);
  protected readonly next = signal<string | null>(null);
  protected readonly failed = signal(false);

  ngOnInit(): void {
    this.load(null);
  }

  protected label(entry: AuditEntry): string {
    return actorLabel(entry.actor);
  }

  protected load(iterator: string | null): void {
    const query = iterator ? { limit: 50, iterator: Number(iterator) } : { limit: 50 };
    this.api.send(portalGetAuditLog, { query }).subscribe({
      next: (page) => {
        this.entries.set([...(iterator ? (this.entries() ?? []) : []), ...page.data]);
        this.next.set(page.done ? null : page.iterator);
        this.failed.set(false);
      },
      error: () => this.failed.set(true),
    });
  }
}
