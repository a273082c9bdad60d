import { startReceiver, type Stack } from '@hookport/testing';
import { gatewayClient, sampleProjectionLag } from '../bench-kit';

const ENDPOINTS = 10;

/**
 * A steady delivery load beside the measured queries: messages at a fixed rate (open loop) to
 * an application with ten endpoints at a local receiver, so that `attemptsPerSecond` attempts a
 * second flow through delivery and the logs projection. While it runs, the projection's consumer
 * lag is sampled from the logs service's readiness answer.
 */
export const startDeliveryLoad = async (stack: Stack, uid: string, attemptsPerSecond: number) => {
  const receiver = await startReceiver({ respondWith: () => ({ status: 204 }) });
  const client = gatewayClient(stack.gatewayUrl, stack.adminKey);
  await client.call('POST', '/api/v1/app', { name: 'Load', uid });
  for (let i = 0; i < ENDPOINTS; i += 1)
    await client.call('POST', `/api/v1/app/${uid}/endpoint`, {
      url: `${receiver.url}/load/${i}`,
    });

  const messagesPerSecond = attemptsPerSecond / ENDPOINTS;
  const began = Date.now();
  let stopped = false;
  let sent = 0;
  let refused = 0;
  const inFlight = new Set<Promise<unknown>>();
  const sending = (async () => {
    while (!stopped) {
      const wait = began + (sent * 1000) / messagesPerSecond - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const call = client
        .call('POST', `/api/v1/app/${uid}/msg`, { eventType: 'bench.load', payload: { sent } })
        .catch(() => (refused += 1));
      inFlight.add(call);
      void call.finally(() => inFlight.delete(call));
      sent += 1;
    }
  })();

  const lag = sampleProjectionLag(stack.urls.logs);

  /** The receiver's count over the last `ms`: what the load actually delivers now. */
  const deliveredPerSecond = async (ms = 2_000) => {
    const before = receiver.requests.length;
    await new Promise((resolve) => setTimeout(resolve, ms));
    return Math.round(((receiver.requests.length - before) * 1000) / ms);
  };

  return {
    deliveredPerSecond,
    async stop() {
      stopped = true;
      await sending;
      await Promise.all(inFlight);
      const seconds = (Date.now() - began) / 1000;
      const report = {
        targetAttemptsPerSecond: attemptsPerSecond,
        seconds: Math.round(seconds),
        messagesSent: sent,
        messagesRefused: refused,
        attemptsDelivered: receiver.requests.length,
        deliveredPerSecond: Math.round(receiver.requests.length / seconds),
        projectionLagEvents: lag.stop(),
      };
      await client.close();
      await receiver.close();
      return report;
    },
  };
};
