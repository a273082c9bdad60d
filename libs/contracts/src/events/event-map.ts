import type { EventEnvelope } from '../envelope';

/**
 * An event as its owning service appends it: one type of the service's event map `M` (type name
 * -> payload) with that type's payload. Appends and consumers are typed by the same map, so a
 * new type in it makes the compiler point at every exhaustive switch that must handle it.
 */
export type EventOf<M> = {
  [K in keyof M & string]: { type: K; data: M[K]; schemaVersion?: number };
}[keyof M & string];

/** An event of map `M` as a consumer receives it: the envelope, its payload narrowed by type. */
export type EnvelopeOf<M> = {
  [K in keyof M & string]: EventEnvelope<K, M[K]>;
}[keyof M & string];

/**
 * The type names of map `M` at run time, checked by the compiler to be exactly the map's: one
 * missing or one too many does not compile.
 */
export const eventTypesOf = <M>(names: { [K in keyof M & string]: true }): ReadonlySet<string> =>
  new Set(Object.keys(names));
