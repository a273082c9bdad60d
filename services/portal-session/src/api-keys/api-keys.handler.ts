import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  managementScopeAllows,
  newId,
  type ApiKeyVerifier,
  type PortalAccessEvents,
  type EventOf,
} from '@hookport/contracts';
import {
  actorOf,
  Database,
  EventStore,
  HookportError,
  notFound,
  type Principal,
} from '@hookport/platform';
import type { ApiKeyIn } from '@hookport/api-schema';
import {
  findApiKey,
  insertApiKey,
  listApiKeys,
  revokeApiKey,
  type ApiKeyRow,
} from './api-keys.repository';
import type { ApiKeyCreatedOut, ApiKeyOut } from '@hookport/api-schema';

/** SHA-256, hex: what is stored and published for a key's secret. */
export const hashApiKey = (key: string) => createHash('sha256').update(key).digest('hex');

const toOut = (row: ApiKeyRow): ApiKeyOut => ({
  id: row.id,
  name: row.name,
  scopes: row.scopes,
  prefix: row.prefix,
  createdAt: row.created_at.toISOString(),
  expiresAt: row.expires_at?.toISOString() ?? null,
  revokedAt: row.revoked_at?.toISOString() ?? null,
});

/** Management API keys: created (secret shown once), listed, revoked; stored hashed. */
@Injectable()
export class ApiKeysHandler {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(EventStore) private readonly store: EventStore<EventOf<PortalAccessEvents>>,
  ) {}

  async create(input: ApiKeyIn, principal: Principal): Promise<ApiKeyCreatedOut> {
    const held = principal.kind === 'api-key' ? principal.scopes : [];
    const beyond = input.scopes.filter((scope) =>
      scope === '*' ? !held.includes('*') : !managementScopeAllows(held, scope),
    );
    if (beyond.length > 0)
      throw new HookportError(
        'forbidden',
        `A key cannot grant scopes it does not hold: ${beyond.join(', ')}.`,
      );
    const id = newId('apiKey');
    // `<id>.<secret>`: the gateway finds the key by id, then compares the secret's hash.
    const key = `${id}.${randomBytes(32).toString('base64url')}`;
    const keyHash = hashApiKey(key);
    const expiresAt = input.expiresInDays
      ? new Date(Date.now() + input.expiresInDays * 86_400_000).toISOString()
      : null;
    const scopes = [...new Set(input.scopes)];
    const row = await this.db.transaction(async (sql) => {
      await this.store.append(
        sql,
        id,
        0,
        [
          {
            type: 'api-key.created',
            data: { keyId: id, name: input.name, scopes, keyHash, expiresAt },
          },
        ],
        { applicationId: null, actor: actorOf(principal) },
      );
      return insertApiKey(sql, {
        id,
        name: input.name,
        scopes,
        keyHash,
        prefix: key.slice(0, id.length + 5),
        expiresAt,
      });
    });
    return { ...toOut(row), key };
  }

  async list(): Promise<{ data: ApiKeyOut[]; done: boolean }> {
    const rows = await listApiKeys(this.db, 1000);
    return { data: rows.map(toOut), done: rows.length < 1000 };
  }

  async revoke(keyId: string, principal: Principal): Promise<void> {
    await this.db.transaction(async (sql) => {
      if (!(await revokeApiKey(sql, keyId))) throw notFound(`API key ${keyId}`);
      const [last] = (await this.store.readStream(sql, keyId)).slice(-1);
      await this.store.append(
        sql,
        keyId,
        last?.streamPosition ?? 0,
        [{ type: 'api-key.revoked', data: { keyId } }],
        { applicationId: null, actor: actorOf(principal) },
      );
    });
  }

  /** For a gateway that has not yet read the key's event: what it needs to check the key. */
  async verifier(keyId: string): Promise<ApiKeyVerifier> {
    const row = await findApiKey(this.db, keyId);
    if (!row) throw notFound(`API key ${keyId}`);
    return {
      id: row.id,
      keyHash: row.key_hash,
      scopes: row.scopes,
      expiresAt: row.expires_at?.toISOString() ?? null,
      revoked: row.revoked_at !== null,
    };
  }
}
