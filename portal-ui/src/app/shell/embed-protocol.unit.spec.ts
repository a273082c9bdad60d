import { describe, expect, it } from 'vitest';

import { hostOrigin } from './embed-protocol';

const framed = (ancestors: string[] | undefined, referrer = '') => {
  const self = {};
  return {
    parent: {},
    self,
    location: { ancestorOrigins: ancestors as unknown as { length: number } | undefined },
    document: { referrer },
  };
};

describe('the embedding host origin', () => {
  it('is null when the portal is the top page', () => {
    const view = {
      parent: null as unknown,
      self: null as unknown,
      location: {},
      document: { referrer: '' },
    };
    view.parent = view;
    view.self = view;
    expect(hostOrigin(view)).toBeNull();
  });

  it("is the browser's record of the parent's origin", () => {
    expect(hostOrigin(framed(['https://app.example.com']))).toBe('https://app.example.com');
  });

  it('falls back to the origin of the referrer, never its path', () => {
    expect(hostOrigin(framed(undefined, 'https://app.example.com/settings/webhooks?x=1'))).toBe(
      'https://app.example.com',
    );
  });

  it('is null when neither tells the origin', () => {
    expect(hostOrigin(framed(undefined, ''))).toBeNull();
    expect(hostOrigin(framed(['null'], 'not a url'))).toBeNull();
  });
});
