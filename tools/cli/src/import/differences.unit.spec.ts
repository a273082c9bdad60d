import { describe, expect, it } from 'vitest';
import type { EndpointOut } from 'svix';
import { changedFields, desiredHeaders, endpointFields, matchEndpoint } from './differences';

const endpoint = (fields: Partial<EndpointOut>): EndpointOut => ({
  id: 'ep_1',
  url: 'https://example.com/hook',
  description: '',
  metadata: {},
  createdAt: new Date(0),
  updatedAt: new Date(0),
  ...fields,
});

describe('what the import compares', () => {
  it('sees an endpoint whose lists differ only in order, or are absent versus empty, as unchanged', () => {
    const source = endpointFields(endpoint({ eventTypes: ['b', 'a'], channels: [] }));
    const target = endpointFields(endpoint({ eventTypes: ['a', 'b'], channels: null }));
    expect(changedFields(source, target)).toEqual({});
  });

  it('names only the fields that differ, with the source’s values', () => {
    const source = endpointFields(endpoint({ throttleRate: 50, disabled: true }));
    const target = endpointFields(endpoint({}));
    expect(changedFields(source, target)).toEqual({ throttleRate: 50, disabled: true });
  });

  it('keeps the target’s value of a header Svix redacts, and names it', () => {
    const wanted = desiredHeaders(
      { headers: { 'X-Team': 'orders' }, sensitive: ['Authorization'] },
      { authorization: 'Bearer set-by-hand', 'X-Old': 'gone' },
    );
    expect(wanted).toEqual({
      headers: { 'X-Team': 'orders', authorization: 'Bearer set-by-hand' },
      unreadable: ['Authorization'],
    });
  });

  it('matches an endpoint by uid, else by URL among the target endpoints not matched yet', () => {
    const targets = [
      endpoint({ id: 'ep_a', uid: 'orders' }),
      endpoint({ id: 'ep_b' }),
      endpoint({ id: 'ep_c' }),
    ];
    expect(matchEndpoint(endpoint({ uid: 'orders' }), targets, new Set())?.id).toBe('ep_a');
    expect(matchEndpoint(endpoint({}), targets, new Set())?.id).toBe('ep_b');
    expect(matchEndpoint(endpoint({}), targets, new Set(['ep_b']))?.id).toBe('ep_c');
    expect(matchEndpoint(endpoint({ uid: 'other' }), targets, new Set())).toBeUndefined();
  });
});
