import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';

import { checkSignature } from './signature-check';

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const body = '{"type":"invoice.paid","amount":42}';
const id = 'msg_01JZ0000000000000000000000';
const now = 1_760_000_000;

// The official library signs: the checker must agree with it, in both directions.
const signed = (at: number, key = secret) => new Webhook(key).sign(id, new Date(at * 1000), body);

describe('the portal signature checker', () => {
  it('verifies what the Standard Webhooks library signed', async () => {
    const result = await checkSignature({
      secret,
      id,
      timestamp: String(now),
      signature: signed(now),
      body,
      now,
    });
    expect(result).toEqual({ ok: true });
  });

  it('accepts any of several space-separated signatures, as during a rotation', async () => {
    const other = signed(now, 'whsec_dGhpcyBpcyBhbm90aGVyIGtleQ==');
    const result = await checkSignature({
      secret,
      id,
      timestamp: String(now),
      signature: `${other} ${signed(now)}`,
      body,
      now,
    });
    expect(result).toEqual({ ok: true });
  });

  it('says the body was changed when one byte differs', async () => {
    const result = await checkSignature({
      secret,
      id,
      timestamp: String(now),
      signature: signed(now),
      body: body.replace('42', '43'),
      now,
    });
    expect(result).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('refuses a correct signature whose timestamp is older than five minutes', async () => {
    const result = await checkSignature({
      secret,
      id,
      timestamp: String(now - 301),
      signature: signed(now - 301),
      body,
      now,
    });
    expect(result).toEqual({ ok: false, reason: 'timestamp-outside-tolerance' });
  });

  it('explains missing headers and signatures without a v1 entry', async () => {
    const base = { secret, id, timestamp: String(now), body, now };
    expect(await checkSignature({ ...base, signature: '' })).toEqual({
      ok: false,
      reason: 'missing-headers',
    });
    expect(await checkSignature({ ...base, signature: 'v2,abc' })).toEqual({
      ok: false,
      reason: 'no-v1-signature',
    });
  });
});
