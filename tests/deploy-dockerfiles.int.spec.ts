import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// No Docker engine runs here: the Dockerfiles are parsed and their properties checked instead.
// Vitest runs from the repository root.
const root = process.cwd();
const services = ['api-gateway', 'portal-session', 'endpoints', 'delivery', 'logs'];

interface Instruction {
  keyword: string;
  args: string;
}

const parse = (text: string): Instruction[] =>
  text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith('#'))
    .map((line) => {
      const [keyword, ...rest] = line.split(/\s+/);
      return { keyword: (keyword ?? '').toUpperCase(), args: rest.join(' ') };
    });

describe.each(services)('the %s Dockerfile', (service) => {
  const instructions = parse(
    readFileSync(resolve(root, 'services', service, 'Dockerfile'), 'utf8'),
  );
  const stages = instructions.filter((i) => i.keyword === 'FROM');
  const lastFrom = stages[stages.length - 1];
  const finalStage = lastFrom ? instructions.slice(instructions.lastIndexOf(lastFrom)) : [];

  it('is multi-stage on the Node of .nvmrc, the one the tests run on', () => {
    const nodeVersion = readFileSync(resolve(root, '.nvmrc'), 'utf8').trim();
    const arg = instructions.find((i) => i.keyword === 'ARG' && i.args.startsWith('NODE_VERSION='));
    expect(arg?.args).toBe(`NODE_VERSION=${nodeVersion}`);
    expect(process.versions.node).toBe(nodeVersion);
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages)
      expect(stage.args).toMatch(/^node:\$\{NODE_VERSION\}-bookworm-slim( AS \w+)?$/i);
  });

  it('runs as a non-root user in the final stage', () => {
    const users = finalStage.filter((i) => i.keyword === 'USER');
    expect(users.length).toBeGreaterThan(0);
    expect(users[users.length - 1]?.args).not.toMatch(/^(root|0)(:|$)/);
  });

  it('declares a HEALTHCHECK on the liveness route', () => {
    const check = finalStage.find((i) => i.keyword === 'HEALTHCHECK');
    expect(check?.args).toContain('/health/live');
  });

  it('starts the service from its build output', () => {
    const entry = finalStage.find((i) => i.keyword === 'ENTRYPOINT' || i.keyword === 'CMD');
    expect(entry?.args).toContain(`services/${service}/dist/main.js`);
  });
});

describe('the .dockerignore', () => {
  it('keeps node_modules, build output, git metadata and env files out of the build context', () => {
    const entries = readFileSync(resolve(root, '.dockerignore'), 'utf8').split('\n');
    expect(entries).toEqual(expect.arrayContaining(['**/node_modules', '**/dist', '.git', '.env']));
  });
});
