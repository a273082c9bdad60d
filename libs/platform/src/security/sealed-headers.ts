import type { SecretBox } from './secret-box';

/**
 * An endpoint's custom header values carry receivers' credentials, so they are sealed like
 * signing secrets wherever they rest: the endpoint's row, its events, delivery's directory and
 * the attempt records. Names stay in clear (they are shown to every reader). A sealed value is
 * self-describing (`SecretBox.tryDecrypt`), so maps written before sealing read as they are.
 */
export type SealedHeaders = Record<string, string>;

/** Seals every value not sealed yet (and not kept in clear by `keepClear`, lower-case names). */
export const sealHeaderValues = (
  box: SecretBox,
  headers: Record<string, string>,
  keepClear: ReadonlySet<string> = new Set(),
): SealedHeaders =>
  Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name,
      keepClear.has(name.toLowerCase()) || box.tryDecrypt(value) !== null
        ? value
        : box.encrypt(value),
    ]),
  );

/** The values in clear; a value that was never sealed (older data) is already clear. */
export const openHeaderValues = (box: SecretBox, headers: SealedHeaders): Record<string, string> =>
  Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, box.tryDecrypt(value) ?? value]),
  );

/**
 * The sealed map for new clear values, reusing the current sealed value where a header keeps
 * its value: a write that changes nothing stays byte-identical and so records no event.
 */
export const resealHeaderValues = (
  box: SecretBox,
  current: SealedHeaders,
  next: Record<string, string>,
): SealedHeaders =>
  Object.fromEntries(
    Object.entries(next).map(([name, value]) => {
      const kept = current[name];
      return [
        name,
        kept !== undefined && box.tryDecrypt(kept) === value ? kept : box.encrypt(value),
      ];
    }),
  );

/**
 * Both forms at once, one decryption a value: what delivery keeps of an endpoint's headers (it
 * sends them clear and records them sealed). A value never sealed (older data) is sealed here.
 */
export const clearAndSealedHeaderValues = (
  box: SecretBox,
  headers: SealedHeaders,
): { clear: Record<string, string>; sealed: SealedHeaders } => {
  const clear: Record<string, string> = {};
  const sealed: SealedHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    const opened = box.tryDecrypt(value);
    clear[name] = opened ?? value;
    sealed[name] = opened === null ? box.encrypt(value) : value;
  }
  return { clear, sealed };
};
