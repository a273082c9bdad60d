import { describe, expect, it } from 'vitest';
import {
  decodePrincipal,
  encodePrincipal,
  PRINCIPAL_HEADER,
  PRINCIPAL_SIGNATURE_HEADER,
  type Principal,
} from './principal';

const principal: Principal = { kind: 'api-key', keyId: 'bootstrap', scopes: ['*'] };

describe('internal principal', () => {
  it('round-trips a principal signed with the shared secret', () => {
    const headers = encodePrincipal('secret-1', principal);
    expect(
      decodePrincipal('secret-1', headers[PRINCIPAL_HEADER], headers[PRINCIPAL_SIGNATURE_HEADER]),
    ).toEqual(principal);
  });

  it('refuses a principal signed with another secret', () => {
    const headers = encodePrincipal('secret-1', principal);
    expect(
      decodePrincipal('secret-2', headers[PRINCIPAL_HEADER], headers[PRINCIPAL_SIGNATURE_HEADER]),
    ).toBeNull();
  });

  it('refuses a principal altered after signing', () => {
    const headers = encodePrincipal('secret-1', principal);
    const forged = Buffer.from(JSON.stringify({ ...principal, keyId: 'other' })).toString(
      'base64url',
    );
    expect(decodePrincipal('secret-1', forged, headers[PRINCIPAL_SIGNATURE_HEADER])).toBeNull();
  });
});
