import { describe, expect, it } from 'vitest';

import {
  hasFilters,
  instantOfLocalInput,
  localInputValue,
  paramsOfQuery,
  queryFromParams,
  sameQuery,
} from './message-query';

const paramsOf = (search: string) => {
  const params = new URLSearchParams(search);
  return (name: string) => params.get(name);
};

describe('the delivery log query in the address bar', () => {
  it('reads the filters and the page, ignoring empty and foreign parameters', () => {
    expect(queryFromParams(paramsOf('status=failed&eventType=&lang=fr&iterator=-msg_1'))).toEqual({
      filters: { status: 'failed' },
      iterator: '-msg_1',
    });
  });

  it('writes every parameter of its own, null when unused, so a merge removes stale ones', () => {
    expect(paramsOfQuery({ filters: { search: 'ada' }, iterator: null })).toEqual({
      iterator: null,
      search: 'ada',
      status: null,
      eventType: null,
      endpointId: null,
      after: null,
      before: null,
    });
  });

  it('reads back what it writes', () => {
    const query = {
      filters: { endpointId: 'ep_1', after: '2026-01-01T00:00:00.000Z' },
      iterator: 'msg_9',
    };
    const written = new URLSearchParams(
      Object.entries(paramsOfQuery(query)).filter(
        (entry): entry is [string, string] => entry[1] !== null,
      ),
    );
    expect(
      sameQuery(
        queryFromParams((name) => written.get(name)),
        query,
      ),
    ).toBe(true);
  });

  it('tells filtered from unfiltered, and a page change from no change', () => {
    expect(hasFilters({})).toBe(false);
    expect(hasFilters({ status: '' })).toBe(false);
    expect(hasFilters({ eventType: 'invoice.paid' })).toBe(true);
    expect(
      sameQuery({ filters: {}, iterator: null }, { filters: { search: '' }, iterator: null }),
    ).toBe(true);
    expect(sameQuery({ filters: {}, iterator: null }, { filters: {}, iterator: 'msg_1' })).toBe(
      false,
    );
  });

  it('shows an instant in a datetime-local field and reads it back', () => {
    const instant = '2026-03-04T05:06:00.000Z';
    expect(instantOfLocalInput(localInputValue(instant))).toBe(instant);
    expect(localInputValue(undefined)).toBe('');
    expect(localInputValue('not a time')).toBe('');
    expect(instantOfLocalInput('')).toBe('');
  });
});
