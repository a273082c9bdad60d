import { describe, expect, it } from 'vitest';
import { AddressPolicy } from './address-policy';

describe('SSRF address policy', () => {
  const strict = new AddressPolicy();

  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['192.168.1.10', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['::1', 'loopback'],
    ['fd00:ec2::254', 'uniqueLocal'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:169.254.169.254', 'linkLocal'],
    ['64:ff9b::7f00:1', 'rfc6052'],
    // IPv4-compatible (deprecated ::/96), as a URL normalises [::127.0.0.1], and other
    // addresses outside global unicast 2000::/3.
    ['::7f00:1', 'notGlobalUnicast'],
    ['::a9fe:a9fe', 'notGlobalUnicast'],
    ['100::1', 'discard'],
    ['4000::1', 'notGlobalUnicast'],
  ])('refuses %s (%s)', (address, reason) => {
    expect(strict.check(address)).toEqual({ allowed: false, reason });
  });

  it.each(['8.8.8.8', '93.184.216.34', '2606:4700::1'])('allows the public address %s', (a) => {
    expect(strict.check(a)).toEqual({ allowed: true });
  });

  it('allows what HOOKPORT_SSRF_ALLOW lists, and only that', () => {
    const policy = AddressPolicy.fromSetting('127.0.0.0/8, 10.1.0.0/16');
    expect(policy.check('127.0.0.1').allowed).toBe(true);
    expect(policy.check('10.1.2.3').allowed).toBe(true);
    expect(policy.check('::ffff:127.0.0.1').allowed).toBe(true);
    expect(policy.check('10.2.0.1')).toEqual({ allowed: false, reason: 'private' });
    expect(policy.check('::1')).toEqual({ allowed: false, reason: 'loopback' });
  });

  it('rejects a setting that is not a list of CIDRs', () => {
    expect(() => AddressPolicy.fromSetting('127.0.0.1/99')).toThrow(/not a CIDR/);
  });

  it('checks IP literals in URLs without DNS, brackets included', async () => {
    expect(await strict.checkHost('[::1]')).toMatchObject({ allowed: false, reason: 'loopback' });
    expect(await strict.checkHost('169.254.169.254')).toMatchObject({ allowed: false });
  });

  it('judges every address a name resolves to', async () => {
    expect(await strict.checkHost('localhost')).toMatchObject({
      allowed: false,
      reason: 'loopback',
    });
  });
});
