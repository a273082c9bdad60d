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

/**
 * Which signature headers a delivery carries: Standard Webhooks' `webhook-*`, Svix's `svix-*`
 * (receivers written against Svix read those), or both (the default). The values are the same.
 */
export const SIGNATURE_HEADER_STYLES = ['webhook', 'svix', 'both'] as const;
export type SignatureHeaderStyle = (typeof SIGNATURE_HEADER_STYLES)[number];

/** The names of every signature header: derived from secrets, never recorded with an attempt. */
export const SIGNATURE_HEADERS = ['webhook-signature', 'svix-signature'];

export const signingHeaders = (
  style: SignatureHeaderStyle,
  messageId: string,
  timestampSeconds: number,
  signature: string,
): Record<string, string> => {
  const timestamp = String(timestampSeconds);
  const standard = {
    'webhook-id': messageId,
    'webhook-timestamp': timestamp,
    'webhook-signature': signature,
  };
  const svix = { 'svix-id': messageId, 'svix-timestamp': timestamp, 'svix-signature': signature };
  return style === 'webhook' ? standard : style === 'svix' ? svix : { ...standard, ...svix };
};
