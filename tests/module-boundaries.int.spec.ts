import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ESLint } from 'eslint';
import { afterEach, describe, expect, it } from 'vitest';
import { findRepoRoot } from '@hookport/testing';

const root = findRepoRoot();

/** Lints one throwaway file inside a project with the workspace's real ESLint configuration. */
const lintProbe = async (project: string, source: string): Promise<string[]> => {
  const file = join(root, project, 'src', 'boundary-probe.ts');
  writeFileSync(file, source);
  probes.push(file);
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintFiles([file]);
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === '@nx/enforce-module-boundaries')
    .map((message) => message.message);
};

const probes: string[] = [];

describe('module boundaries', () => {
  afterEach(() => {
    for (const file of probes.splice(0)) rmSync(file, { force: true });
  });

  it('forbids a service importing another service', async () => {
    const errors = await lintProbe(
      'services/delivery',
      "import { createLogsService } from '@hookport/logs';\nexport const probe = createLogsService;\n",
    );
    expect(errors.length).toBeGreaterThan(0);
  });

  it('forbids the contracts library depending on the platform library', async () => {
    const errors = await lintProbe(
      'libs/contracts',
      "import { Database } from '@hookport/platform';\nexport const probe = Database;\n",
    );
    expect(errors.length).toBeGreaterThan(0);
  });

  it('lets a service use the contracts and platform libraries', async () => {
    const errors = await lintProbe(
      'services/delivery',
      "import { TOPICS } from '@hookport/contracts';\nimport { Database } from '@hookport/platform';\nexport const probe = [TOPICS, Database];\n",
    );
    expect(errors).toEqual([]);
  });

  it('fails closed: a bare eslint with no project graph cached (a fresh clone) still refuses', async () => {
    const file = join(root, 'services/delivery/src/boundary-probe.ts');
    writeFileSync(
      file,
      "import { createLogsService } from '@hookport/logs';\nexport const probe = createLogsService;\n",
    );
    probes.push(file);
    const emptyCache = mkdtempSync(join(tmpdir(), 'hookport-nx-'));
    try {
      const lint = promisify(execFile)(
        process.execPath,
        [join(root, 'node_modules/eslint/bin/eslint.js'), file],
        {
          cwd: root,
          env: { ...process.env, NX_DAEMON: 'false', NX_WORKSPACE_DATA_DIRECTORY: emptyCache },
        },
      );
      const failed = await lint.then(
        () => null,
        (error: { code: number; stdout: string }) => error,
      );
      expect(failed?.code).toBe(1);
      expect(failed?.stdout).toContain('@nx/enforce-module-boundaries');
    } finally {
      rmSync(emptyCache, { recursive: true, force: true });
    }
  }, 120_000);
});
