// The HTTP shapes that code below the API classes needs (the platform's keyset pages). Every
// response shape is declared once, as its class in libs/api-schema; services take the types from
// there and the portal from the client generated out of it (@hookport/client/types).

/** Svix's list shape, used by every list route. */
export interface ListResponse<T> {
  data: T[];
  iterator: string | null;
  prevIterator: string | null;
  done: boolean;
}
