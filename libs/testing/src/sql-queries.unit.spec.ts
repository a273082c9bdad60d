import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findRepoRoot } from './repo-root';
import { renderServiceQueries, servicesWithQueries } from './sql-queries';

const root = findRepoRoot();

/**
 * Every service's query texts, as committed in services/<name>/sql/queries.sql: a query change
 * fails here until `npm run sql:generate` rewrites the file, so the change shows in review.
 */
describe('the committed SQL of each service', () => {
  it('covers the services that hold queries', () => {
    expect(servicesWithQueries(root)).toEqual(['delivery', 'endpoints', 'logs', 'portal-session']);
  });

  for (const service of servicesWithQueries(root)) {
    it(`matches services/${service}/sql/queries.sql (npm run sql:generate rewrites it)`, async () => {
      await expect(renderServiceQueries(root, service)).toMatchFileSnapshot(
        join(root, 'services', service, 'sql', 'queries.sql'),
      );
    });
  }
});
