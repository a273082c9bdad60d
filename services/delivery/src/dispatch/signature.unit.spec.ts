import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { signatureHeader } from './signature';

const secret = () => `whsec_${randomBytes(24).toString('base64')}`;

describe('Standard Webhooks signature', () => {
  it('verifies with the official standardwebhooks library', () => {
    const key = secret();
    const body = JSON.stringify({ invoice: 'inv_1', amount: 42 });
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      'webhook-id': 'msg_01TEST',
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signatureHeader([key], 'msg_01TEST', timestamp, body),
    };
    expect(new Webhook(key).verify(body, headers)).toEqual({ invoice: 'inv_1', amount: 42 });
  });

  it('carries one signature per secret, each verifiable on its own (rotation)', () => {
    const [oldKey, newKey] = [secret(), secret()];
    const body = '{"a":1}';
    const timestamp = Math.floor(Date.now() / 1000);
    const header = signatureHeader([newKey, oldKey], 'msg_01ROT', timestamp, body);
    expect(header.split(' ')).toHaveLength(2);
    for (const key of [oldKey, newKey]) {
      const headers = {
        'webhook-id': 'msg_01ROT',
        'webhook-timestamp': String(timestamp),
        'webhook-signature': header,
      };
      expect(new Webhook(key).verify(body, headers)).toEqual({ a: 1 });
    }
  });

  it('does not verify when the body was altered', () => {
    const key = secret();
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      'webhook-id': 'msg_01X',
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signatureHeader([key], 'msg_01X', timestamp, '{"a":1}'),
    };
    expect(() => new Webhook(key).verify('{"a":2}', headers)).toThrow();
  });
});
