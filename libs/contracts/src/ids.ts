import { ulid } from 'ulid';

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
