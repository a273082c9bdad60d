import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApplication,
  createEndpoint,
  createEventType,
  createHookportClient,
  createMessage,
  getAttempt,
  listAttemptsByMessage,
  type MessageAttemptOut,
} from '@hookport/client';
import {
  createTestDatabase,
  eventually,
  findRepoRoot,
  startReceiver,
  startStack,
  type Receiver,
  type Stack,
  type TestDatabase,
} from '@hookport/testing';

const run = promisify(execFile);
const root = findRepoRoot();
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const pythonVenv =
  process.env['HOOKPORT_PYTHON_VENV'] ?? join(homedir(), '.cache/hookport/python-client');
const committedDocument = () =>
  JSON.parse(readFileSync(join(root, 'openapi.json'), 'utf8')) as {
    paths: Record<string, Record<string, Operation>>;
  };

interface Operation {
  operationId?: string;
  summary?: string;
  responses: Record<string, { content?: Record<string, unknown> }>;
}

/** Every file under `dir`, by path relative to it, with its content. */
const filesOf = (dir: string): Record<string, string> => {
  const out: Record<string, string> = {};
  const walk = (current: string) => {
    for (const name of readdirSync(current)) {
      const path = join(current, name);
      if (statSync(path).isDirectory()) walk(path);
      else out[relative(dir, path)] = readFileSync(path, 'utf8');
    }
  };
  walk(dir);
  return out;
};

const scratch: string[] = [];
const scratchDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'hookport-openapi-'));
  scratch.push(dir);
  return dir;
};

describe('the OpenAPI document', () => {
  afterAll(() => scratch.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('is committed exactly as the code generates it (run `npm run api:generate`)', async () => {
    const generated = join(scratchDir(), 'openapi.json');
    await run('node', [
      join(root, 'services/api-gateway/dist/openapi/write-openapi.js'),
      generated,
    ]);
    expect(JSON.parse(readFileSync(generated, 'utf8'))).toEqual(committedDocument());
  });

  it('passes Redocly lint with no error', async () => {
    const result = await run(bin('redocly'), ['lint', join(root, 'openapi.json')], {
      cwd: root,
    }).catch((error: { stdout: string; stderr: string }) => error);
    expect(`${result.stdout}\n${result.stderr}`).toContain('Your API description is valid');
  });

  it('gives every operation an id, a summary and a problem+json answer for client errors', () => {
    const operations = Object.entries(committedDocument().paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        at: `${method} ${path}`,
        operation,
      })),
    );
    expect(operations.length).toBeGreaterThan(60);
    const ids = operations.map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(operations.length);
    for (const { at, operation } of operations) {
      expect(operation.operationId, at).toMatch(/^[a-z][A-Za-z]+$/);
      expect(operation.summary, at).toBeTruthy();
      if (at === 'get /api/v1/health') continue;
      expect(operation.responses['422']?.content, at).toHaveProperty(['application/problem+json']);
    }
  });

  it('lists the values each query filter accepts, so generated clients can type them', () => {
    const document = committedDocument() as ReturnType<typeof committedDocument> & {
      components: { schemas: Record<string, { type?: string; enum?: unknown[] }> };
    };
    type Parameter = { name: string; in: string; schema: { $ref?: string; type?: string } };
    const query = (path: string, name: string) => {
      const operation = document.paths[path]!['get'] as unknown as { parameters: Parameter[] };
      const schema = operation.parameters.find((p) => p.in === 'query' && p.name === name)!.schema;
      const named = schema.$ref?.replace('#/components/schemas/', '');
      return named ? document.components.schemas[named] : schema;
    };
    const attempts = '/api/v1/app/{appId}/attempt/endpoint/{endpointId}';
    expect(query(attempts, 'status')).toMatchObject({ type: 'integer', enum: [0, 1, 2, 3, 4] });
    expect(query(attempts, 'status_code_class')).toMatchObject({
      type: 'integer',
      enum: [0, 100, 200, 300, 400, 500],
    });
    expect(query(attempts, 'with_content')).toEqual({ type: 'boolean' });
    expect(query('/portal-api/v1/messages', 'status')).toMatchObject({
      enum: ['pending', 'succeeded', 'failed', 'retrying', 'canceled'],
    });
    expect(query('/portal-api/v1/messages', 'statusCodeClass')).toMatchObject({
      enum: ['2xx', '3xx', '4xx', '5xx'],
    });
    expect(query('/api/v1/app/{appId}/endpoint/{endpointId}/stats', 'granularity')).toMatchObject({
      enum: ['minute', 'hour', 'day'],
    });
  });

  // The one generated client: the SDK published as @hookport/client, which the portal calls too.
  it('keeps the committed TypeScript client in step with it', async () => {
    const out = join(scratchDir(), 'generated');
    await run(bin('openapi-ts'), ['-i', join(root, 'openapi.json'), '-o', out], { cwd: root });
    expect(filesOf(out)).toEqual(filesOf(join(root, 'libs/client/src/generated')));
  });
});

describe('the generated clients against a running gateway', () => {
  let database: TestDatabase;
  let stack: Stack;
  let receiver: Receiver;

  beforeAll(async () => {
    database = await createTestDatabase();
    receiver = await startReceiver();
    stack = await startStack({
      databaseUrl: database.url,
      kafkaBrokers: process.env['KAFKA_BROKERS']!,
    });
  });

  afterAll(async () => {
    await stack?.stop();
    await receiver?.close();
    await database?.drop();
    scratch.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
  });

  it('serves the committed document at /openapi.json and a reference at /docs', async () => {
    const served = await fetch(`${stack.gatewayUrl}/openapi.json`);
    expect(served.status).toBe(200);
    expect(await served.json()).toEqual(committedDocument());
    const docs = await fetch(`${stack.gatewayUrl}/docs`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('Hookport API');
  });

  it('TypeScript: creates an application, an endpoint and a message, then reads the attempt', async () => {
    const client = createHookportClient({ baseUrl: stack.gatewayUrl, token: stack.adminKey });
    // Each answer comes with the status the document gives it.
    const { data: app, response: created } = await createApplication({
      client,
      body: { name: 'TypeScript customer', uid: 'ts-customer' },
      throwOnError: true,
    });
    await createEventType({
      client,
      body: {
        name: 'invoice.paid',
        description: 'An invoice was paid',
        example: { invoiceId: 'in_0' },
      },
      throwOnError: true,
    });
    const { data: endpoint } = await createEndpoint({
      client,
      path: { appId: app.id },
      body: { url: `${receiver.url}/ts`, filterTypes: ['invoice.paid'] },
      throwOnError: true,
    });
    expect(created.status).toBe(201);
    const { data: message, response: accepted } = await createMessage({
      client,
      path: { appId: app.id },
      body: { eventType: 'invoice.paid', payload: { invoiceId: 'in_ts' } },
      throwOnError: true,
    });
    expect(message.id).toMatch(/^msg_/);
    expect(accepted.status).toBe(202);
    const documented = committedDocument().paths['/api/v1/app/{appId}/msg']!['post']!;
    expect(Object.keys(documented.responses)).toContain('202');

    const attempts = await eventually(async () => {
      const { data } = await listAttemptsByMessage({
        client,
        path: { appId: app.id, messageId: message.id },
        throwOnError: true,
      });
      expect(data.data).toHaveLength(1);
      return data.data;
    });
    const attempt = attempts[0] as MessageAttemptOut;
    expect(attempt).toMatchObject({ endpointId: endpoint.id, responseStatusCode: 200, status: 0 });
    const { data: single } = await getAttempt({
      client,
      path: { appId: app.id, messageId: message.id, attemptId: attempt.id },
      throwOnError: true,
    });
    expect(single.id).toBe(attempt.id);
    expect(receiver.requestsTo('/ts')[0]?.headers['webhook-id']).toBe(message.id);

    // A client mistake comes back as the documented problem, typed.
    const refused = await createEndpoint({
      client,
      path: { appId: app.id },
      body: { url: 'not a url' },
    });
    expect(refused.response.status).toBe(422);
    expect(refused.error).toMatchObject({ code: 'validation', status: 422 });
  });

  it('Python: the same journey through the client openapi-python-client generates', async () => {
    const out = join(scratchDir(), 'python');
    const env = { ...process.env, PATH: `${pythonVenv}/bin:${process.env['PATH']}` };
    await run(
      join(pythonVenv, 'bin/openapi-python-client'),
      ['generate', '--path', join(root, 'openapi.json'), '--output-path', out],
      { env },
    );
    const script = join(out, 'journey.py');
    writeFileSync(script, PYTHON_JOURNEY);
    const { stdout } = await run(join(pythonVenv, 'bin/python'), [script], {
      cwd: out,
      env: {
        ...env,
        HOOKPORT_URL: stack.gatewayUrl,
        HOOKPORT_TOKEN: stack.adminKey,
        RECEIVER_URL: `${receiver.url}/py`,
      },
    });
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
    expect(result).toMatchObject({
      appUid: 'py-customer',
      attemptStatusCode: 200,
      attemptEndpointId: result['endpointId'],
      invalidStatus: 422,
      invalidCode: 'validation',
    });
    expect(receiver.requestsTo('/py')[0]?.headers['webhook-id']).toBe(result['messageId']);
  });
});

const PYTHON_JOURNEY = `
import json, os, time
from hookport_api_client import AuthenticatedClient
from hookport_api_client.api.application import create_application
from hookport_api_client.api.endpoint import create_endpoint
from hookport_api_client.api.message import create_message, list_attempts_by_message
from hookport_api_client.models import ApplicationIn, EndpointIn, MessageIn, MessageInPayload

client = AuthenticatedClient(base_url=os.environ["HOOKPORT_URL"], token=os.environ["HOOKPORT_TOKEN"])
app = create_application.sync(client=client, body=ApplicationIn(name="Python customer", uid="py-customer"))
endpoint = create_endpoint.sync(app.id, client=client, body=EndpointIn(url=os.environ["RECEIVER_URL"]))
message = create_message.sync(
    app.id, client=client,
    body=MessageIn(event_type="invoice.paid", payload=MessageInPayload.from_dict({"invoiceId": "in_py"})),
)
attempts = []
for _ in range(200):
    attempts = list_attempts_by_message.sync(app.id, message.id, client=client).data
    if attempts:
        break
    time.sleep(0.1)
invalid = create_endpoint.sync_detailed(app.id, client=client, body=EndpointIn(url="not a url"))
print(json.dumps({
    "appUid": app.uid,
    "endpointId": endpoint.id,
    "messageId": message.id,
    "attemptStatusCode": attempts[0].response_status_code if attempts else None,
    "attemptEndpointId": attempts[0].endpoint_id if attempts else None,
    "invalidStatus": int(invalid.status_code),
    "invalidCode": json.loads(invalid.content)["code"],
}))
`;
