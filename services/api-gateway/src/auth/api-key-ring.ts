import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApiKeyVerifier, EventEnvelope, PortalAccessEvents } from '@hookport/contracts';

/** `<key id>.<secret>`, as the portal-session service issues management API keys. */
const KEY_FORMAT = /^(key_[0-9A-HJKMNP-TV-Z]{26})\.[A-Za-z0-9_-]{43}$/;

export const apiKeyId = (key: string): string | null => KEY_FORMAT.exec(key)?.[1] ?? null;

const sha256 = (value: string) => createHash('sha256').update(value).digest();

/**
 * The management API keys this gateway knows, from the portal-access topic (hash and scopes,
 * never the secret). A key created a moment ago may not be here yet: the guard then asks the
 * portal-session service once and remembers the answer. Revocations arrive by event.
 */
export class ApiKeyRing {
  private readonly keys = new Map<string, ApiKeyVerifier>();

  get(keyId: string): ApiKeyVerifier | undefined {
    return this.keys.get(keyId);
  }

  /** Remembers a verifier fetched on demand, unless an event got here first. */
  remember(verifier: ApiKeyVerifier): void {
    if (!this.keys.has(verifier.id)) this.keys.set(verifier.id, verifier);
  }

  /** The scopes of a presented key, or null when it is unknown, wrong, revoked or expired. */
  static check(verifier: ApiKeyVerifier, key: string, now = Date.now()): string[] | null {
    const matches = timingSafeEqual(sha256(key), Buffer.from(verifier.keyHash, 'hex'));
    if (!matches || verifier.revoked) return null;
    if (verifier.expiresAt !== null && Date.parse(verifier.expiresAt) <= now) return null;
    return verifier.scopes;
  }

  apply(
    event:
      | EventEnvelope<'api-key.created', PortalAccessEvents['api-key.created']>
      | EventEnvelope<'api-key.revoked', PortalAccessEvents['api-key.revoked']>,
  ): void {
    if (event.type === 'api-key.created') {
      const { data } = event;
      const known = this.keys.get(data.keyId);
      this.keys.set(data.keyId, {
        id: data.keyId,
        keyHash: data.keyHash,
        scopes: data.scopes,
        expiresAt: data.expiresAt,
        revoked: known?.revoked ?? false,
      });
    } else {
      const { keyId } = event.data;
      const known = this.keys.get(keyId);
      // An unknown key's revocation is remembered too: a later fetch must not resurrect it.
      this.keys.set(keyId, {
        id: keyId,
        keyHash: known?.keyHash ?? '00'.repeat(32),
        scopes: known?.scopes ?? [],
        expiresAt: known?.expiresAt ?? null,
        revoked: true,
      });
    }
  }
}
