import { toApiFailure } from '../api/api-failure';

/** The API's own explanation of a refused call (detail and field errors), else `fallback`. */
export const problemMessage = (failure: unknown, fallback: string): string => {
  const result = toApiFailure(failure);
  if (result.kind !== 'problem') return fallback;
  const parts = [
    result.problem.detail,
    ...(result.problem.errors ?? []).map((e) => `${e.field}: ${e.message}`),
  ];
  return parts.filter(Boolean).join(' — ') || fallback;
};
