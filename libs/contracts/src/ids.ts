import { encodeTime, ulid } from 'ulid';

/** Prefixes of every id Hookport hands out: sortable (ULID) and self-describing. */
export const ID_PREFIX = {
  application: 'app',
  endpoint: 'ep',
  message: 'msg',
  attempt: 'atmpt',
  portalSession: 'ps',
  event: 'evt',
  apiKey: 'key',
  magicLink: 'ml',
  portalToken: 'pt',
  backgroundTask: 'qtask',
} as const;

export type IdKind = keyof typeof ID_PREFIX;

/**
 * Cryptographic random bytes, drawn 4 KiB at a time: the ulid package's default asks the
 * operating system for one byte per character, which cost the delivery service 14 % of its
 * CPU (sixteen calls per id, several ids per delivery).
 */
const pool = new Uint8Array(4096);
let poolOffset = pool.length;
const randomByteFraction = (): number => {
  if (poolOffset === pool.length) {
    globalThis.crypto.getRandomValues(pool); // Node and browsers alike
    poolOffset = 0;
  }
  return pool[poolOffset++]! / 256;
};

export const newId = (kind: IdKind): string =>
  `${ID_PREFIX[kind]}_${ulid(undefined, randomByteFraction)}`;

export const isIdOf = (kind: IdKind, value: string): boolean =>
  new RegExp(`^${ID_PREFIX[kind]}_[0-9A-HJKMNP-TV-Z]{26}$`).test(value);

/** The smallest id of `kind` created at or after `at`: ids compare like their creation times. */
export const idFloorAt = (kind: IdKind, at: Date): string =>
  `${ID_PREFIX[kind]}_${encodeTime(Math.max(0, at.getTime()), 10)}${'0'.repeat(16)}`;

/** Svix's `uid` (and event-type name) alphabet: what an operator's own identifier may hold. */
export const UID_PATTERN = /^[a-zA-Z0-9\-_.]+$/;
export const UID_MAX_LENGTH = 256;

/**
 * Whether a value can name a resource at all, as a Hookport id or an operator's uid. Anything
 * else (a NUL, a space, 300 characters) names nothing: a 404 without asking a service.
 */
export const isIdOrUid = (value: string): boolean =>
  value.length > 0 && value.length <= UID_MAX_LENGTH && UID_PATTERN.test(value);
