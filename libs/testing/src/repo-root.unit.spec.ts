import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findRepoRoot } from './repo-root';

describe('findRepoRoot', () => {
  it('finds the folder holding nx.json above this library', () => {
    const root = findRepoRoot();

    expect(existsSync(join(root, 'nx.json'))).toBe(true);
    expect(__dirname.startsWith(join(root, 'libs', 'testing'))).toBe(true);
  });

  it('says where it looked when there is no nx.json above', () => {
    expect(() => findRepoRoot('/')).toThrow('no nx.json found in / or any folder above it');
  });
});
