import { createHmac } from 'node:crypto';

/**
 * Standard Webhooks signature header value: one `v1,<base64 HMAC-SHA256>` per valid secret,
 * space-separated, over `<msg id>.<timestamp>.<body>` with the secret's base64 bytes as key.
 */
export const signatureHeader = (
  secrets: string[],
  messageId: string,
  timestampSeconds: number,
  body: string,
): string =>
  secrets
    .map((secret) => {
      const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
      const digest = createHmac('sha256', key)
        .update(`${messageId}.${timestampSeconds}.${body}`)
        .digest('base64');
      return `v1,${digest}`;
    })
    .join(' ');
