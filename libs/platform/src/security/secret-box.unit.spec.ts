import { describe, expect, it } from 'vitest';
import { SecretBox } from './secret-box';

describe('SecretBox', () => {
  it('decrypts what it encrypted', () => {
    const box = new SecretBox('a key of at least sixteen characters');
    expect(box.decrypt(box.encrypt('whsec_abc'))).toBe('whsec_abc');
  });

  it('never stores the secret in clear and varies the ciphertext', () => {
    const box = new SecretBox('a key of at least sixteen characters');
    const first = box.encrypt('whsec_abc');
    expect(first).not.toContain('whsec_abc');
    expect(box.encrypt('whsec_abc')).not.toBe(first);
  });

  it('refuses ciphertext sealed with another key', () => {
    const sealed = new SecretBox('first key, sixteen chars or more').encrypt('whsec_abc');
    expect(() => new SecretBox('second key, sixteen chars or more').decrypt(sealed)).toThrow();
  });
});
