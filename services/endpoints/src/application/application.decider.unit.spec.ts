import { describe, expect, it } from 'vitest';
import {
  decideApplication,
  evolveApplication,
  initialApplicationState,
} from './application.decider';

const data = { appId: 'app_1', name: 'Acme', uid: 'acme', metadata: {}, rateLimit: null };

describe('application decider', () => {
  it('creates an application that does not exist', () => {
    expect(decideApplication({ type: 'CreateApplication', data }, initialApplicationState)).toEqual(
      [{ type: 'application.created', data }],
    );
  });

  it('creating an application that exists is a no-op', () => {
    const state = evolveApplication(initialApplicationState, { type: 'application.created', data });
    expect(decideApplication({ type: 'CreateApplication', data }, state)).toEqual([]);
  });
});
