import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestStack, type TestStack } from '@hookport/testing';

/**
 * Svix's list `order` on the lists that have it (applications, endpoints, event types), with
 * iterators and prevIterators that walk the list either way in both orders.
 */
describe('list order', () => {
  let client: ApiClient;
  let env: TestStack;
  const endpointIds: string[] = [];

  beforeAll(async () => {
    env = await startTestStack();
    ({ client } = env);
    await client.post('/api/v1/app', { name: 'Order Co', uid: 'order' });
    for (const path of ['/one', '/two', '/three']) {
      const created = await client.post('/api/v1/app/order/endpoint', {
        url: `${env.receiver.url}${path}`,
      });
      endpointIds.push(created.body.id);
    }
    for (const name of ['order.a', 'order.b', 'order.c'])
      await client.post('/api/v1/event-type', { name, description: name });
  });

  afterAll(() => env?.stop());

  const ids = (page: { body: { data: { id: string }[] } }) => page.body.data.map((item) => item.id);

  it('lists endpoints newest first with order=descending, page after page and back', async () => {
    const [one, two, three] = endpointIds;
    const first = await client.get('/api/v1/app/order/endpoint?order=descending&limit=2');
    expect(first.status).toBe(200);
    expect(ids(first)).toEqual([three, two]);
    expect(first.body).toMatchObject({ done: false, prevIterator: null });
    const second = await client.get(
      `/api/v1/app/order/endpoint?order=descending&limit=2&iterator=${first.body.iterator}`,
    );
    expect(ids(second)).toEqual([one]);
    expect(second.body.done).toBe(true);
    const back = await client.get(
      `/api/v1/app/order/endpoint?order=descending&limit=2&iterator=${second.body.prevIterator}`,
    );
    expect(ids(back)).toEqual([three, two]);
  });

  it('lists endpoints oldest first by default and with order=ascending', async () => {
    const byDefault = await client.get('/api/v1/app/order/endpoint');
    const ascending = await client.get('/api/v1/app/order/endpoint?order=ascending');
    expect(ids(byDefault)).toEqual(endpointIds);
    expect(ids(ascending)).toEqual(endpointIds);
    const second = await client.get(
      `/api/v1/app/order/endpoint?limit=1&iterator=${endpointIds[0]}`,
    );
    const back = await client.get(
      `/api/v1/app/order/endpoint?limit=1&iterator=${second.body.prevIterator}`,
    );
    expect(ids(second)).toEqual([endpointIds[1]]);
    expect(ids(back)).toEqual([endpointIds[0]]);
  });

  it('orders applications and event types both ways', async () => {
    await client.post('/api/v1/app', { name: 'Order Later', uid: 'order-later' });
    const newest = await client.get('/api/v1/app?order=descending&limit=1');
    expect(newest.body.data[0].uid).toBe('order-later');
    const names = async (order: string) =>
      (
        (await client.get(`/api/v1/event-type?order=${order}&limit=250`)).body.data as {
          name: string;
        }[]
      )
        .map((type) => type.name)
        .filter((name) => name.startsWith('order.'));
    expect(await names('ascending')).toEqual(['order.a', 'order.b', 'order.c']);
    expect(await names('descending')).toEqual(['order.c', 'order.b', 'order.a']);
  });

  it('answers 422 naming order for an order that is neither', async () => {
    const refused = await client.get('/api/v1/app/order/endpoint?order=sideways');
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toMatchObject({ field: 'order', in: 'query' });
  });
});
