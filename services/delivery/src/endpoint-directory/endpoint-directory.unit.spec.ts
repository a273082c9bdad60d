import { describe, expect, it } from 'vitest';
import { EndpointDirectory, type DirectoryEndpoint } from './endpoint-directory';

const endpoint = (overrides: Partial<DirectoryEndpoint>): DirectoryEndpoint => ({
  id: 'ep_1',
  appId: 'app_1',
  url: 'https://example.com/hook',
  filterTypes: null,
  channels: null,
  disabled: false,
  rateLimit: null,
  headers: {},
  sealedHeaders: {},
  secrets: [],
  ...overrides,
});

describe('EndpointDirectory fan-out', () => {
  it('targets every enabled endpoint of the application without filters', () => {
    const directory = new EndpointDirectory();
    directory.upsert(endpoint({ id: 'ep_1' }));
    directory.upsert(endpoint({ id: 'ep_2', disabled: true }));
    directory.upsert(endpoint({ id: 'ep_3', appId: 'app_2' }));
    expect(directory.targets('app_1', 'invoice.paid', null).map((item) => item.id)).toEqual([
      'ep_1',
    ]);
  });

  it('targets only endpoints subscribed to the event type', () => {
    const directory = new EndpointDirectory();
    directory.upsert(endpoint({ id: 'ep_paid', filterTypes: ['invoice.paid'] }));
    directory.upsert(endpoint({ id: 'ep_created', filterTypes: ['invoice.created'] }));
    expect(directory.targets('app_1', 'invoice.paid', null).map((item) => item.id)).toEqual([
      'ep_paid',
    ]);
  });

  it('targets endpoints with channels only for messages on one of their channels', () => {
    const directory = new EndpointDirectory();
    directory.upsert(endpoint({ id: 'ep_eu', channels: ['eu'] }));
    expect(directory.targets('app_1', 'a', ['us'])).toEqual([]);
    expect(directory.targets('app_1', 'a', null)).toEqual([]);
    expect(directory.targets('app_1', 'a', ['us', 'eu']).map((item) => item.id)).toEqual(['ep_eu']);
  });
});

describe('EndpointDirectory read-your-writes', () => {
  it('waits until the projection reaches the position the gateway saw', async () => {
    const directory = new EndpointDirectory();
    directory.advance('app_1', '10');
    setTimeout(() => directory.advance('app_1', '12'), 30);
    await expect(directory.waitFor('app_1', '12', 2_000)).resolves.toBe(true);
  });

  it('gives up after the timeout when the projection stays behind', async () => {
    const directory = new EndpointDirectory();
    directory.advance('app_1', '10');
    await expect(directory.waitFor('app_1', '11', 50)).resolves.toBe(false);
  });

  it('never moves a position backwards', async () => {
    const directory = new EndpointDirectory();
    directory.advance('app_1', '12');
    directory.advance('app_1', '5');
    await expect(directory.waitFor('app_1', '12', 10)).resolves.toBe(true);
  });
});

describe('EndpointDirectory versions', () => {
  it('takes a change only when it is newer than the version held', () => {
    const directory = new EndpointDirectory();
    expect(directory.claimVersion('ep_1', 2)).toBe(true);
    // A replica replaying the topic, or a relay publishing a batch again, offers older ones.
    expect(directory.claimVersion('ep_1', 1)).toBe(false);
    expect(directory.claimVersion('ep_1', 2)).toBe(false);
    expect(directory.claimVersion('ep_1', 3)).toBe(true);
    expect(directory.claimVersion('ep_2', 1)).toBe(true);
  });

  it('never brings back a deleted endpoint, alone or with its application', () => {
    const directory = new EndpointDirectory();
    directory.upsert(endpoint({ id: 'ep_1' }));
    directory.upsert(endpoint({ id: 'ep_2' }));
    directory.claimVersion('ep_1', 1);
    directory.remove('ep_1');
    directory.removeApplication('app_1');
    expect(directory.claimVersion('ep_1', 5)).toBe(false);
    expect(directory.claimVersion('ep_2', 5)).toBe(false);
    expect(directory.targets('app_1', 'invoice.paid', null)).toEqual([]);
  });
});
