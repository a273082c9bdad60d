import { describe, expect, it } from 'vitest';

import { failureStatus, toApiFailure } from './api-failure';
import { isPortalApiUrl } from './portal-api';

const problem = {
  type: 'https://hookport.dev/problems/code-already-used',
  title: 'One-time code already used or expired',
  status: 401,
  detail: 'Open the portal again from your application.',
  code: 'codeAlreadyUsed',
};

describe('toApiFailure', () => {
  it('reads RFC 9457 problem details from an error answer', () => {
    expect(toApiFailure({ status: 401, error: problem })).toEqual({
      kind: 'problem',
      status: 401,
      problem,
    });
  });

  it('keeps the status of an error answer without problem details', () => {
    expect(toApiFailure({ status: 502, error: '<html>Bad gateway</html>' })).toEqual({
      kind: 'http',
      status: 502,
    });
  });

  it('treats status 0 (no answer at all) as a network failure', () => {
    const failure = toApiFailure({ status: 0, error: new Error('offline') });
    expect(failure).toEqual({ kind: 'network' });
    expect(failureStatus(failure)).toBeNull();
  });

  it('treats something that is not an HTTP error as a network failure', () => {
    expect(toApiFailure(new TypeError('Failed to fetch'))).toEqual({ kind: 'network' });
  });
});

describe('isPortalApiUrl', () => {
  it('accepts the portal API routes', () => {
    expect(isPortalApiUrl('/portal-api/v1/messages', '/portal-api/v1')).toBe(true);
    expect(isPortalApiUrl('/portal-api/v1/messages', '/portal-api/v1/')).toBe(true);
  });

  it('refuses every other URL, so the token never leaves the portal API', () => {
    expect(isPortalApiUrl('/portal-api/v10/messages', '/portal-api/v1')).toBe(false);
    expect(isPortalApiUrl('https://evil.example/portal-api/v1/messages', '/portal-api/v1')).toBe(
      false,
    );
    expect(isPortalApiUrl('/api/v1/app', '/portal-api/v1')).toBe(false);
  });
});
