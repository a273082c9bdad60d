import { describe, expect, it } from 'vitest';
import {
  decideApplication,
  evolveApplication,
  initialApplicationState,
} from './application.decider';

const data = { appId: 'app_1', name: 'Acme', uid: 'acme', metadata: {}, rateLimit: null };
const active = evolveApplication(initialApplicationState, { type: 'application.created', data });

describe('application decider', () => {
  it('creates an application that does not exist', () => {
    expect(decideApplication({ type: 'CreateApplication', data }, initialApplicationState)).toEqual(
      [{ type: 'application.created', data }],
    );
  });

  it('creating an application that exists is a no-op', () => {
    expect(decideApplication({ type: 'CreateApplication', data }, active)).toEqual([]);
  });

  it('records a rename, and nothing for an update that changes nothing', () => {
    expect(decideApplication({ type: 'UpdateApplication', data }, active)).toEqual([]);
    const renamed = { ...data, name: 'Acme Inc' };
    expect(decideApplication({ type: 'UpdateApplication', data: renamed }, active)).toEqual([
      { type: 'application.updated', data: renamed },
    ]);
  });

  it('deletes once, and a deleted application can no longer change', () => {
    const [deleted] = decideApplication({ type: 'DeleteApplication' }, active);
    expect(deleted).toEqual({ type: 'application.deleted', data: { appId: 'app_1' } });
    const gone = evolveApplication(active, deleted!);
    expect(decideApplication({ type: 'DeleteApplication' }, gone)).toEqual([]);
    expect(decideApplication({ type: 'UpdateApplication', data }, gone)).toEqual([]);
  });
});
