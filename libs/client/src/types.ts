// The schemas of openapi.json as TypeScript types only, for code that makes its own HTTP calls
// but must not redeclare the API's shapes.
export type * from './generated/types.gen';
