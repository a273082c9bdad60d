import { describe, expect, it } from 'vitest';

import { parseEventBlocks } from './live-stream';

describe('parseEventBlocks', () => {
  it('emits complete events and keeps an unfinished one for the next chunk', () => {
    const events: { id: string | null; type: string; data: string }[] = [];
    const rest = parseEventBlocks(
      'retry: 2000\n\n: ping\n\nid: 7\nevent: attempt\ndata: {"a":1}\n\nid: 8\nevent: mess',
      (event) => events.push(event),
    );
    expect(events).toEqual([{ id: '7', type: 'attempt', data: '{"a":1}' }]);
    expect(rest).toBe('id: 8\nevent: mess');
    parseEventBlocks(`${rest}age\ndata: {"b":2}\n\n`, (event) => events.push(event));
    expect(events[1]).toEqual({ id: '8', type: 'message', data: '{"b":2}' });
  });
});
