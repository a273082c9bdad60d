import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { afterEach, describe, expect, it } from 'vitest';
import { findRepoRoot } from '@hookport/testing';

const root = findRepoRoot();
const probes: string[] = [];

/** Lints one throwaway file of a service with the workspace's real ESLint configuration. */
const sqlErrors = async (name: string, source: string): Promise<string[]> => {
  const file = join(root, 'services/delivery/src', name);
  writeFileSync(file, source);
  probes.push(file);
  const [result] = await new ESLint({ cwd: root }).lintFiles([file]);
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'hookport/sql-in-repositories')
    .map((message) => message.message);
};

const QUERY = `import type { Sql } from '@hookport/platform';
const COLUMNS = 'id, status';
export const probe = (sql: Sql, id: string) =>
  sql.query(\`SELECT \${COLUMNS}
     FROM delivery.deliveries WHERE message_id = $1\`, [id]);
`;

describe('SQL only in repositories', () => {
  afterEach(() => {
    for (const file of probes.splice(0)) rmSync(file, { force: true });
  });

  it('refuses a query in a handler, also one assembled across a template', async () => {
    expect(await sqlErrors('sql-probe.handler.ts', QUERY)).toHaveLength(1);
  });

  it('refuses a query in a plain string', async () => {
    const source = "export const probe = 'DELETE FROM delivery.deliveries WHERE app_id = $1';\n";
    expect(await sqlErrors('sql-probe.sweep.ts', source)).toHaveLength(1);
  });

  it('lets a repository and a statement file hold queries', async () => {
    expect(await sqlErrors('sql-probe.repository.ts', QUERY)).toEqual([]);
    expect(await sqlErrors('sql-probe.sql.ts', QUERY)).toEqual([]);
  });
});
