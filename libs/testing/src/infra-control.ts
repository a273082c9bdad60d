import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findRepoRoot } from './repo-root';

const run = promisify(execFile);

/** Runs `scripts/infra.sh <command>` (e.g. `restart-kafka`, `restart-postgres`), up to 2 min. */
export const infraCommand = async (command: string): Promise<void> => {
  await run('bash', [join(findRepoRoot(), 'scripts/infra.sh'), command], { timeout: 120_000 });
};

/**
 * Whether this machine's Kafka and Postgres are the ones scripts/infra.sh manages: only then
 * can a test restart them (not when they run elsewhere, e.g. as CI services).
 */
export const infraIsManaged = (): Promise<boolean> =>
  infraCommand('status').then(
    () => true,
    () => false,
  );
