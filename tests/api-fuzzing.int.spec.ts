import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRepoRoot, portalToken, startTestStack, type TestStack } from '@hookport/testing';

const run = promisify(execFile);

// Installed by scripts/ensure-tools.sh (PyPI), like the Python client generator.
const schemathesis = join(
  process.env['HOOKPORT_SCHEMATHESIS_VENV'] ?? join(homedir(), '.cache/hookport/schemathesis'),
  'bin/st',
);
// Fixed, so that a run can be repeated; change it to explore other inputs.
const SEED = 20261207;
const EXAMPLES_PER_OPERATION = Number(process.env['HOOKPORT_FUZZ_EXAMPLES'] ?? 25);

interface Finding {
  operation: string;
  check: string;
  message: string;
}

/**
 * Schemathesis over the committed OpenAPI document, both APIs, against the real stack, with a
 * bounded budget: any 5xx is a bug (no client input may cause one), and so is an answer the
 * document does not describe (status, content type, body schema). The seed and the report stay
 * under `.artifacts/schemathesis/` for whoever has to reproduce a finding.
 */
describe('fuzzing the public API with schemathesis', () => {
  let env: TestStack;
  const reportDir = join(findRepoRoot(), '.artifacts/schemathesis');
  const configFile = join(reportDir, 'schemathesis.toml');

  beforeAll(async () => {
    rmSync(reportDir, { recursive: true, force: true });
    mkdirSync(reportDir, { recursive: true });
    env = await startTestStack({
      // Fuzzing sends far more than a client would: rate limits would answer most of it 429.
      stack: { env: { HOOKPORT_RATE_LIMIT_API_KEY: '0', HOOKPORT_RATE_LIMIT_PORTAL_SESSION: '0' } },
    });
    const { client, receiver } = env;
    // Real resources for the path parameters to name (most of the time; otherwise whatever the
    // fuzzer makes up), so that bodies and queries reach the code behind the 404s.
    await client.post('/api/v1/event-type', { name: 'fuzz.ping', description: 'A ping' });
    const app = await client.post('/api/v1/app', { name: 'Fuzz Co', uid: 'fuzz' });
    const endpoints: string[] = [];
    for (const name of ['one', 'two', 'three'])
      endpoints.push(
        (await client.post(`/api/v1/app/fuzz/endpoint`, { url: `${receiver.url}/${name}` })).body
          .id,
      );
    const message = await client.post('/api/v1/app/fuzz/msg', {
      eventType: 'fuzz.ping',
      payload: { ok: true },
    });
    const list = (values: string[]) =>
      `[${values.map((value) => JSON.stringify(value)).join(', ')}]`;
    writeFileSync(
      configFile,
      [
        `[dictionaries.apps]\nvalues = ${list(['fuzz', app.body.id])}`,
        `[dictionaries.endpoints]\nvalues = ${list(endpoints)}`,
        `[dictionaries.messages]\nvalues = ${list([message.body.id])}`,
        `[dictionaries.eventTypes]\nvalues = ${list(['fuzz.ping'])}`,
        '[parameters]',
        '"path.appId" = { dictionary = "apps", probability = 0.8 }',
        '"path.endpointId" = { dictionary = "endpoints", probability = 0.8 }',
        '"path.messageId" = { dictionary = "messages", probability = 0.8 }',
        '"path.name" = { dictionary = "eventTypes", probability = 0.5 }',
        '',
      ].join('\n'),
    );
  });

  afterAll(() => env?.stop());

  const fuzz = async (api: string, filter: string[], token: string): Promise<Finding[]> => {
    const ndjson = join(reportDir, `${api}.ndjson`);
    const args = [
      '--config-file',
      configFile,
      'run',
      join(findRepoRoot(), 'openapi.json'),
      '--url',
      env.stack.gatewayUrl,
      '--header',
      `Authorization: Bearer ${token}`,
      ...filter,
      '--checks',
      'not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance',
      '--phases',
      'examples,coverage,fuzzing',
      '--max-examples',
      String(EXAMPLES_PER_OPERATION),
      '--seed',
      String(SEED),
      '--workers',
      '2',
      '--request-timeout',
      '20',
      '--no-color',
      '--continue-on-failure',
      '--generation-database',
      'none',
      // NUL in strings: what Postgres cannot store, and what made 5xx before.
      '--generation-allow-x00',
      'true',
      '--report',
      'ndjson,junit',
      '--report-ndjson-path',
      ndjson,
      '--report-junit-path',
      join(reportDir, `${api}.junit.xml`),
    ];
    const { stdout } = await run(schemathesis, args, {
      maxBuffer: 64 * 1024 * 1024,
      timeout: 600_000,
    }).catch((error: { stdout?: string; code?: number }) => {
      // Exit code 1: findings, reported in the ndjson. Anything else is the tool failing.
      if (error.code === 1 && error.stdout !== undefined) return { stdout: error.stdout };
      throw error;
    });
    writeFileSync(join(reportDir, `${api}.txt`), `seed ${SEED}\n${stdout}`);
    return findingsOf(readFileSync(ndjson, 'utf8'));
  };

  it('finds no server error and no undocumented answer in the management API', async () => {
    const findings = await fuzz(
      'management',
      // Deleting the application would leave the rest of the run nothing to name.
      ['--include-path-regex', '^/api/', '--exclude-operation-id', 'deleteApplication'],
      env.stack.adminKey,
    );
    expect(findings, summary(findings)).toEqual([]);
  }, 600_000);

  it('finds no server error and no undocumented answer in the portal API', async () => {
    const token = await portalToken(env.client, 'fuzz', { role: 'admin', expiresIn: 3600 });
    const findings = await fuzz(
      'portal',
      // The stream stays open for the session's lifetime: not for a fuzzer.
      ['--include-path-regex', '^/portal-api/', '--exclude-path', '/portal-api/v1/stream'],
      token,
    );
    expect(findings, summary(findings)).toEqual([]);
  }, 600_000);
});

/** The failed checks of a schemathesis NDJSON event stream, one finding per distinct failure. */
const findingsOf = (ndjson: string): Finding[] => {
  const findings = new Map<string, Finding>();
  for (const line of ndjson.split('\n')) {
    if (!line.trim()) continue;
    const event = JSON.parse(line) as { ScenarioFinished?: ScenarioFinished };
    const finished = event.ScenarioFinished;
    if (!finished) continue;
    const operation = finished.recorder.label;
    if (finished.status === 'error')
      findings.set(`${operation} error`, { operation, check: 'error', message: 'scenario error' });
    for (const checks of Object.values(finished.recorder.checks ?? {})) {
      for (const check of checks) {
        if (check.status !== 'failure') continue;
        const failure = check.failure_info?.failure;
        const message = `${failure?.code ?? ''} ${failure?.title ?? ''}: ${failure?.message?.split('\n')[0] ?? ''}`;
        findings.set(`${operation} ${check.name} ${message}`, {
          operation,
          check: check.name,
          message,
        });
      }
    }
  }
  return [...findings.values()];
};

interface ScenarioFinished {
  status: string;
  recorder: {
    label: string;
    checks?: Record<
      string,
      {
        name: string;
        status: string;
        failure_info?: { failure?: { code?: string; title?: string; message?: string } };
      }[]
    >;
  };
}

const summary = (findings: Finding[]) =>
  findings
    .slice(0, 40)
    .map((finding) => `${finding.operation}: ${finding.check} ${finding.message}`)
    .join('\n');
