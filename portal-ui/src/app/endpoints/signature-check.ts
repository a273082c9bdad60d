/** Why a pasted webhook did or did not verify. */
export type SignatureCheck =
  | { ok: true }
  | {
      ok: false;
      reason:
        | 'missing-headers'
        | 'bad-secret'
        | 'no-v1-signature'
        | 'mismatch'
        | 'timestamp-outside-tolerance';
    };

const TOLERANCE_SECONDS = 5 * 60;

const fromBase64 = (value: string): Uint8Array =>
  Uint8Array.from(atob(value), (char) => char.charCodeAt(0));

const toBase64 = (bytes: ArrayBuffer): string =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)));

/**
 * Verifies a webhook the way a receiver's Standard Webhooks library does: HMAC-SHA256 over
 * `id.timestamp.body` with the base64 key of `whsec_...`, compared against each `v1,` entry,
 * and a timestamp within five minutes of `now` (seconds). Runs in the browser (WebCrypto).
 */
export const checkSignature = async (input: {
  secret: string;
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  now: number;
}): Promise<SignatureCheck> => {
  const { id, timestamp, signature, body } = input;
  if (!id.trim() || !timestamp.trim() || !signature.trim()) {
    return { ok: false, reason: 'missing-headers' };
  }
  let key: Uint8Array;
  try {
    key = fromBase64(input.secret.trim().replace(/^whsec_/, ''));
  } catch {
    return { ok: false, reason: 'bad-secret' };
  }
  if (key.length === 0) return { ok: false, reason: 'bad-secret' };
  const candidates = signature
    .trim()
    .split(/\s+/)
    .filter((entry) => entry.startsWith('v1,'))
    .map((entry) => entry.slice(3));
  if (candidates.length === 0) return { ok: false, reason: 'no-v1-signature' };
  const hmacKey = await crypto.subtle.importKey(
    'raw',
    key as BufferSource,
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const expected = toBase64(
    await crypto.subtle.sign(
      'HMAC',
      hmacKey,
      new TextEncoder().encode(`${id.trim()}.${timestamp.trim()}.${body}`),
    ),
  );
  if (!candidates.includes(expected)) return { ok: false, reason: 'mismatch' };
  const sentAt = Number(timestamp.trim());
  if (!Number.isFinite(sentAt) || Math.abs(input.now - sentAt) > TOLERANCE_SECONDS) {
    return { ok: false, reason: 'timestamp-outside-tolerance' };
  }
  return { ok: true };
};
