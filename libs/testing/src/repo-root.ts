import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

let cached: string | undefined;

/**
 * The monorepo's root: the nearest folder above this file holding `nx.json`. Found from the
 * file's own location, not the working directory, so tests started from any folder (an IDE
 * runs them from the project) spawn the same service builds and write to the same artifacts.
 */
export const findRepoRoot = (from: string = __dirname): string => {
  if (from === __dirname && cached) return cached;
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'nx.json'))) break;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no nx.json found in ${from} or any folder above it`);
    dir = parent;
  }
  if (from === __dirname) cached = dir;
  return dir;
};

/** `<repo>/.artifacts/<parts...>`, created if missing; git-ignored, collected by CI. */
export const artifactsDir = (...parts: string[]): string => {
  const dir = join(findRepoRoot(), '.artifacts', ...parts);
  mkdirSync(dir, { recursive: true });
  return dir;
};
