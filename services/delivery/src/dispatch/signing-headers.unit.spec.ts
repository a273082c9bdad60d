import { describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { signatureHeader, signingHeaders } from './signature';

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const body = '{"type":"invoice.paid"}';

describe('signature headers', () => {
  const signature = signatureHeader([secret], 'msg_1', 1_700_000_000, body);

  it('sends Standard Webhooks and Svix headers with the same values by default', () => {
    const both = signingHeaders('both', 'msg_1', 1_700_000_000, signature);
    expect(both).toEqual({
      'webhook-id': 'msg_1',
      'webhook-timestamp': '1700000000',
      'webhook-signature': signature,
      'svix-id': 'msg_1',
      'svix-timestamp': '1700000000',
      'svix-signature': signature,
    });
  });

  it('sends only one family when told to', () => {
    expect(Object.keys(signingHeaders('webhook', 'msg_1', 1, signature))).toEqual([
      'webhook-id',
      'webhook-timestamp',
      'webhook-signature',
    ]);
    expect(Object.keys(signingHeaders('svix', 'msg_1', 1, signature))).toEqual([
      'svix-id',
      'svix-timestamp',
      'svix-signature',
    ]);
  });

  it('signs what a Standard Webhooks receiver verifies', () => {
    const now = Math.floor(Date.now() / 1000);
    const headers = signingHeaders(
      'webhook',
      'msg_2',
      now,
      signatureHeader([secret], 'msg_2', now, body),
    );
    expect(new Webhook(secret).verify(body, headers)).toEqual({ type: 'invoice.paid' });
  });
});
