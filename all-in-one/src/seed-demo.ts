import { request } from 'undici';

interface Json {
  [key: string]: unknown;
}

const call = async (
  gatewayUrl: string,
  adminKey: string,
  path: string,
  body: unknown,
): Promise<Json> => {
  const response = await request(`${gatewayUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await response.body.json()) as Json;
  if (response.statusCode >= 300) {
    throw new Error(`seeding ${path} failed: ${response.statusCode} ${JSON.stringify(json)}`);
  }
  return json;
};

/**
 * Seeds a demo application through the public management API (the same path a user takes):
 * one endpoint, one message on first start, and a fresh portal link on every start.
 */
export const seedDemo = async (
  gatewayUrl: string,
  adminKey: string,
  receiverUrl: string,
): Promise<{ portalUrl: string; created: boolean }> => {
  const response = await request(`${gatewayUrl}/api/v1/app/demo`, {
    method: 'GET',
    headers: { authorization: `Bearer ${adminKey}` },
  });
  await response.body.dump();
  const created = response.statusCode === 404;
  await call(gatewayUrl, adminKey, '/api/v1/app?get_if_exists=true', {
    name: 'Demo Customer',
    uid: 'demo',
  });
  if (created) {
    await call(gatewayUrl, adminKey, '/api/v1/app/demo/endpoint', {
      url: receiverUrl,
      description: 'Demo receiver inside this process',
    });
    await call(gatewayUrl, adminKey, '/api/v1/app/demo/msg', {
      eventType: 'invoice.paid',
      payload: { invoiceId: 'inv_1001', amount: 4200, currency: 'EUR' },
    });
  }
  const session = await call(gatewayUrl, adminKey, '/api/v1/app/demo/portal-session', {
    role: 'admin',
    expiresIn: 86_400,
    metadata: { user: 'demo-operator' },
  });
  return { portalUrl: String(session['url']), created };
};
