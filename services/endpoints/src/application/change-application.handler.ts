import { Inject, Injectable } from '@nestjs/common';
import type { ApplicationCreatedV1 } from '@hookport/contracts';
import {
  actorOf,
  Database,
  EventStore,
  HookportError,
  isUniqueViolation,
  StreamVersionConflict,
  type Principal,
} from '@hookport/platform';
import { decideApplication } from './application.decider';
import { ApplicationError } from './application.errors';
import { findApplication, loadApplication, type ApplicationRecord } from './application.repository';
import type { ApplicationPatch } from '@hookport/api-schema';
import type { ApplicationIn } from '@hookport/api-schema';

/**
 * Changes (PUT replaces, PATCH merges) or deletes an application. Deleting removes its endpoints
 * from the current state (delivery stops at once); its events and delivery history remain.
 */
@Injectable()
export class ChangeApplicationHandler {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(EventStore) private readonly store: EventStore,
  ) {}

  async update(
    idOrUid: string,
    input: ApplicationIn | ApplicationPatch,
    mode: 'replace' | 'patch',
    principal: Principal,
  ): Promise<ApplicationRecord> {
    const appId = await this.run(idOrUid, principal, (current) => {
      const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
      const base: ApplicationCreatedV1 =
        mode === 'patch' ? current : { ...current, uid: null, rateLimit: null, metadata: {} };
      return { type: 'UpdateApplication', data: { ...base, ...given } };
    });
    const record = await findApplication(this.db, appId);
    if (!record) throw ApplicationError.notFound(idOrUid);
    return record;
  }

  async delete(idOrUid: string, principal: Principal): Promise<void> {
    await this.run(idOrUid, principal, () => ({ type: 'DeleteApplication' }));
  }

  private async run(
    idOrUid: string,
    principal: Principal,
    command: (current: ApplicationCreatedV1) => Parameters<typeof decideApplication>[0],
  ): Promise<string> {
    let appId = '';
    try {
      await this.db.transaction(async (sql) => {
        const loaded = await loadApplication(sql, idOrUid);
        if (!loaded) throw ApplicationError.notFound(idOrUid);
        appId = loaded.state.application.appId;
        const events = decideApplication(command(loaded.state.application), loaded.state);
        const stored = await this.store.append(sql, appId, loaded.version, events, {
          applicationId: appId,
          actor: actorOf(principal),
        });
        for (const [index, event] of events.entries()) {
          const { streamPosition, globalPosition, occurredAt } = stored[index]!;
          if (event.type === 'application.updated') {
            await sql.query(
              `UPDATE endpoints.applications SET name = $2, uid = $3, rate_limit = $4, metadata = $5,
                 stream_version = $6, last_position = $7, updated_at = $8 WHERE id = $1`,
              [
                appId,
                event.data.name,
                event.data.uid,
                event.data.rateLimit,
                JSON.stringify(event.data.metadata),
                streamPosition,
                globalPosition,
                occurredAt,
              ],
            );
          } else if (event.type === 'application.deleted') {
            await sql.query('DELETE FROM endpoints.endpoints WHERE app_id = $1', [appId]);
            // The uid is freed for a new application; the id stays reserved.
            await sql.query(
              `UPDATE endpoints.applications SET deleted_at = $2, uid = NULL, stream_version = $3,
                 last_position = $4 WHERE id = $1`,
              [appId, occurredAt, streamPosition, globalPosition],
            );
          }
        }
      });
    } catch (error) {
      if (error instanceof StreamVersionConflict) {
        throw new HookportError(
          'conflict',
          'The application changed meanwhile; read it and retry.',
        );
      }
      if (isUniqueViolation(error)) {
        throw new HookportError('conflict', 'Another application has that uid.', [
          { field: 'uid', message: 'application-uid-taken' },
        ]);
      }
      throw error;
    }
    return appId;
  }
}
