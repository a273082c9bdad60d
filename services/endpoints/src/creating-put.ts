import { isIdOf, isIdOrUid, type IdKind } from '@hookport/contracts';
import { HookportError } from '@hookport/platform';

/**
 * The uid a PUT that creates (Svix's upsert) gives the new resource: the body's, else the path's
 * key unless that key is one of Hookport's ids (a new resource gets a new id, never a chosen one).
 */
export const uidOfCreatingPut = (
  kind: IdKind,
  pathKey: string,
  bodyUid: string | null | undefined,
): string | null => {
  if (bodyUid) return bodyUid;
  if (isIdOf(kind, pathKey)) return null;
  if (!isIdOrUid(pathKey))
    throw new HookportError('validation', 'Invalid uid', [
      { field: 'uid', message: 'uid may contain letters, digits, ".", "_" and "-"', in: 'path' },
    ]);
  return pathKey;
};
