import type { EndpointsEvents, EventOf } from '@hookport/contracts';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database, EventStore, runMigrations, SecretBox, type Principal } from '@hookport/platform';
import {
  evolveApplication,
  initialApplicationState,
  type ApplicationEvent,
  type ApplicationState,
} from '../application/application.decider';
import { loadApplication } from '../application/application.repository';
import { ChangeApplicationHandler } from '../application/change-application.handler';
import { CreateApplicationHandler } from '../application/create-application.handler';
import { ENDPOINTS_MIGRATIONS, ENDPOINTS_SCHEMA } from '../migrations';
import { CreateEndpointHandler } from './create-endpoint.handler';
import { DeleteEndpointHandler } from './delete-endpoint.handler';
import {
  evolveEndpoint,
  initialEndpointState,
  type EndpointEvent,
  type EndpointState,
} from './endpoint.decider';
import { EndpointRules } from './endpoint-rules';
import { EndpointWriter } from './endpoint-writer';
import { loadEndpoint } from './endpoint.repository';
import { RotateSecretHandler } from './rotate-secret.handler';
import { UpdateEndpointHandler } from './update-endpoint.handler';

const operator: Principal = { kind: 'api-key', keyId: 'key_projection', scopes: ['*'] };

/**
 * The write path folds each command's events with evolve and writes that state onto the row.
 * Here, on a real Postgres, after every kind of change the row read back as state equals the
 * fold of the whole stream from the event store: the projection cannot drift from evolve.
 */
describe('the endpoints service write path', () => {
  // A database of its own on the test server (a service may not use the testing library).
  const adminUrl = new URL(process.env['DATABASE_URL'] ?? 'postgres://unset');
  const name = `hp_test_${randomBytes(6).toString('hex')}`;
  const asAdmin = async (statement: string) => {
    const admin = new Database({ url: adminUrl.href, poolSize: 1, applicationName: 'test' });
    await admin.connect();
    try {
      await admin.query(statement);
    } finally {
      await admin.close();
    }
  };
  let db: Database;
  const store = new EventStore<EventOf<EndpointsEvents>>(ENDPOINTS_SCHEMA);
  const secrets = new SecretBox(randomBytes(32).toString('base64url'));
  const rules = new EndpointRules(true, '127.0.0.0/8');
  let createApp: CreateApplicationHandler;
  let changeApp: ChangeApplicationHandler;
  let createEndpoint: CreateEndpointHandler;
  let updateEndpoint: UpdateEndpointHandler;
  let rotateSecret: RotateSecretHandler;
  let deleteEndpoint: DeleteEndpointHandler;

  const foldedEndpoint = async (endpointId: string): Promise<EndpointState> =>
    (await store.readStream(db, endpointId)).reduce(
      (state, event) =>
        evolveEndpoint(state, { type: event.type, data: event.data } as EndpointEvent),
      initialEndpointState,
    );
  const foldedApplication = async (appId: string): Promise<ApplicationState> =>
    (await store.readStream(db, appId)).reduce(
      (state, event) =>
        evolveApplication(state, { type: event.type, data: event.data } as ApplicationEvent),
      initialApplicationState,
    );
  const rowOfEndpoint = async (appId: string, endpointId: string) =>
    (await loadEndpoint(db, appId, endpointId))?.state ?? { status: 'deleted' };
  const rowOfApplication = async (appId: string) =>
    (await loadApplication(db, appId))?.state ?? { status: 'deleted' };

  beforeAll(async () => {
    await asAdmin(`CREATE DATABASE ${name}`);
    db = new Database({
      url: Object.assign(new URL(adminUrl), { pathname: `/${name}` }).href,
      poolSize: 4,
      applicationName: 'endpoints-write-path-test',
    });
    await db.connect();
    await runMigrations(db, ENDPOINTS_SCHEMA, ENDPOINTS_MIGRATIONS);
    const writer = new EndpointWriter(db, store);
    createApp = new CreateApplicationHandler(db, store);
    changeApp = new ChangeApplicationHandler(db, store);
    createEndpoint = new CreateEndpointHandler(db, store, secrets, rules);
    updateEndpoint = new UpdateEndpointHandler(writer, rules, db, secrets);
    rotateSecret = new RotateSecretHandler(writer, secrets);
    deleteEndpoint = new DeleteEndpointHandler(writer);
  });

  afterAll(async () => {
    await db?.close();
    await asAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it('keeps an endpoint row equal to the fold of its stream through every kind of change', async () => {
    const { record } = await createApp.execute({ name: 'Fold' }, operator, false);
    const appId = record.app.id;
    const created = await createEndpoint.execute(
      appId,
      { url: 'http://127.0.0.1:9/hook', headers: { 'x-team': 'billing' }, channels: ['a'] },
      operator,
    );
    const endpointId = created.id;
    const checks: EndpointState['status'][] = [];
    const check = async () => {
      const folded = await foldedEndpoint(endpointId);
      expect(await rowOfEndpoint(appId, endpointId)).toEqual(folded);
      checks.push(folded.status);
    };
    await check();
    await updateEndpoint.execute(
      appId,
      endpointId,
      { description: 'patched', rateLimit: 5, headers: { 'x-team': 'ops' } },
      operator,
      'patch',
    );
    await check();
    await rotateSecret.execute(appId, endpointId, { gracePeriodSeconds: 60 }, operator);
    await check();
    await updateEndpoint.execute(
      appId,
      endpointId,
      { url: 'http://127.0.0.1:9/v2' },
      operator,
      'replace',
    );
    await check();
    await deleteEndpoint.execute(appId, endpointId, operator);
    await check();
    expect(checks).toEqual(['active', 'active', 'active', 'active', 'deleted']);
    // The stream recorded each change, and the row's version is the stream's.
    expect((await store.readStream(db, endpointId)).map((event) => event.type)).toEqual([
      'endpoint.created',
      'endpoint.updated',
      'endpoint.secret-rotated',
      'endpoint.updated',
      'endpoint.deleted',
    ]);
  });

  it('keeps an application row equal to the fold of its stream, and a change that changes nothing records nothing', async () => {
    const { record } = await createApp.execute(
      { name: 'Before', uid: `uid-${randomBytes(4).toString('hex')}`, metadata: { tier: 'a' } },
      operator,
      false,
    );
    const appId = record.app.id;
    expect(await rowOfApplication(appId)).toEqual(await foldedApplication(appId));
    await changeApp.update(appId, { name: 'After' }, 'patch', operator);
    expect(await rowOfApplication(appId)).toEqual(await foldedApplication(appId));
    const version = (await loadApplication(db, appId))!.version;
    await changeApp.update(appId, { name: 'After' }, 'patch', operator);
    expect((await loadApplication(db, appId))!.version).toBe(version);
    await changeApp.delete(appId, operator);
    expect(await foldedApplication(appId)).toEqual({ status: 'deleted' });
    expect(await rowOfApplication(appId)).toEqual({ status: 'deleted' });
  });

  it('answers 409 to a writer whose stream moved on, and leaves the row at the winner', async () => {
    const { record } = await createApp.execute({ name: 'Race' }, operator, false);
    const appId = record.app.id;
    const results = await Promise.allSettled(
      ['one', 'two', 'three', 'four'].map((name) =>
        changeApp.update(appId, { name }, 'patch', operator),
      ),
    );
    const won = results.filter((result) => result.status === 'fulfilled');
    expect(won.length).toBeGreaterThanOrEqual(1);
    for (const result of results) {
      if (result.status === 'rejected') expect(result.reason).toMatchObject({ code: 'conflict' });
    }
    expect(await rowOfApplication(appId)).toEqual(await foldedApplication(appId));
  });
});
