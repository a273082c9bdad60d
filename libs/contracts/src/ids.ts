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
} as const;

export type IdKind = keyof typeof ID_PREFIX;

export const newId = (kind: IdKind): string => `${ID_PREFIX[kind]}_${ulid()}`;

export const isIdOf = (kind: IdKind, value: string): boolean =>
  new RegExp(`^${ID_PREFIX[kind]}_[0-9A-HJKMNP-TV-Z]{26}$`).test(value);

/** The smallest id of `kind` created at or after `at`: ids compare like their creation times. */
export const idFloorAt = (kind: IdKind, at: Date): string =>
  `${ID_PREFIX[kind]}_${encodeTime(Math.max(0, at.getTime()), 10)}${'0'.repeat(16)}`;
