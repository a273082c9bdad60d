import { request } from 'undici';

interface Json {
  [key: string]: unknown;
}

const send = async (
  gatewayUrl: string,
  adminKey: string,
  method: 'POST' | 'PATCH',
  path: string,
  body: unknown,
): Promise<{ status: number; json: Json }> => {
  const response = await request(`${gatewayUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.statusCode, json: (await response.body.json()) as Json };
};

const call = async (gatewayUrl: string, adminKey: string, path: string, body: unknown) => {
  const { status, json } = await send(gatewayUrl, adminKey, 'POST', path, body);
  if (status >= 300) throw new Error(`seeding ${path} failed: ${status} ${JSON.stringify(json)}`);
  return json;
};

const DEMO_ENDPOINT = '/api/v1/app/demo/endpoint';
// The demo receiver listens on a new port each start: its endpoint is found again by this uid.
const DEMO_ENDPOINT_UID = 'demo-receiver';

/**
 * Seeds a demo application through the public management API (the same path a user takes):
 * one endpoint, one message on first start, and a fresh portal link on every start. Each start
 * points the demo endpoint at this start's receiver. An installation whose SSRF policy refuses
 * the receiver's loopback address gets no demo endpoint, and a note saying why, not a failure.
 */
export const seedDemo = async (
  gatewayUrl: string,
  adminKey: string,
  receiverUrl: string,
): Promise<{
  portalUrl: string;
  opensUntil: string;
  created: boolean;
  endpointNote: string | null;
}> => {
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
  const endpoint = { url: receiverUrl, description: 'Demo receiver inside this process' };
  const moved = await send(
    gatewayUrl,
    adminKey,
    'PATCH',
    `${DEMO_ENDPOINT}/${DEMO_ENDPOINT_UID}`,
    endpoint,
  );
  const placed =
    moved.status === 404
      ? await send(gatewayUrl, adminKey, 'POST', DEMO_ENDPOINT, {
          ...endpoint,
          uid: DEMO_ENDPOINT_UID,
        })
      : moved;
  const endpointNote =
    placed.status === 422
      ? `No demo endpoint: HOOKPORT_SSRF_ALLOW does not allow the demo receiver at ${receiverUrl}.`
      : null;
  if (placed.status >= 300 && !endpointNote)
    throw new Error(
      `seeding the demo endpoint failed: ${placed.status} ${JSON.stringify(placed.json)}`,
    );
  if (created) {
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
  return {
    portalUrl: String(session['url']),
    opensUntil: String(session['codeExpiresAt']),
    created,
    endpointNote,
  };
};
