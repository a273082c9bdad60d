/**
 * Messages the portal posts to the page that embeds it (iframe or `<hookport-portal>`), always
 * with the host's exact origin as target. `public/embed.js` listens for the same names.
 */
export const EMBED_MESSAGES = {
  /** The portal's content height changed: `{ type, height }` in CSS pixels. */
  resize: 'hookport:resize',
  /** The session ended (expired or revoked): `{ type, reason }`; the host may mint a new one. */
  lapsed: 'hookport:session-lapsed',
} as const;

/**
 * The exact origin of the page embedding the portal, or null when the portal is not framed or
 * the origin cannot be known. `ancestorOrigins` is the browser's own record of the parent;
 * the referrer is the fallback where it is missing.
 */
export const hostOrigin = (view: {
  parent: unknown;
  self: unknown;
  location: { ancestorOrigins?: { length: number; [index: number]: string } };
  document: { referrer: string };
}): string | null => {
  if (view.parent === view.self) return null;
  const parentOrigin = view.location.ancestorOrigins?.[0];
  if (parentOrigin && parentOrigin !== 'null') return parentOrigin;
  try {
    return view.document.referrer ? new URL(view.document.referrer).origin : null;
  } catch {
    return null;
  }
};
