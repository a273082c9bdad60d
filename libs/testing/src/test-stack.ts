import { api, type ApiClient } from './api-client';
import { startReceiver, type Receiver, type ReceiverOptions } from './http-receiver';
import { startStack, type Stack, type StackOptions } from './service-stack';
import { createTestDatabase, type TestDatabase } from './test-database';

/** What most integration and end-to-end test files start with: see startTestStack. */
export interface TestStack {
  database: TestDatabase;
  receiver: Receiver;
  stack: Stack;
  client: ApiClient;
  /** Stops the stack and the receiver, and drops the database. */
  stop(): Promise<void>;
}

/**
 * A fresh database, a webhook receiver and every service running on them (on the real Kafka of
 * `KAFKA_BROKERS`), with an API client holding the stack's admin key.
 */
export const startTestStack = async (
  options: {
    receiver?: ReceiverOptions;
    stack?: Omit<StackOptions, 'databaseUrl' | 'kafkaBrokers'>;
  } = {},
): Promise<TestStack> => {
  const database = await createTestDatabase();
  const receiver = await startReceiver(options.receiver);
  const stack = await startStack({
    databaseUrl: database.url,
    kafkaBrokers: process.env['KAFKA_BROKERS']!,
    ...options.stack,
  });
  return {
    database,
    receiver,
    stack,
    client: api(stack),
    stop: async () => {
      await stack.stop();
      await receiver.close();
      await database.drop();
    },
  };
};
