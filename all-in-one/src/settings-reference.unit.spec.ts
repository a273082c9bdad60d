import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { HTTP_SERVER_SETTINGS, type Setting } from '@hookport/platform';
import {
  PROCESS_WIDE_SETTINGS,
  renderConfigurationReference,
  SERVICE_SETTINGS,
} from './settings-reference';

// Vitest runs from the repository root.
const root = process.cwd();
const chart = resolve(root, 'deploy/k8s');
const reference = resolve(root, 'docs/configuration.md');
const values = parse(readFileSync(resolve(chart, 'values.yaml'), 'utf8')) as Record<
  string,
  unknown
>;
const schema = JSON.parse(readFileSync(resolve(chart, 'values.schema.json'), 'utf8')) as JsonSchema;
const configTemplate = readFileSync(resolve(chart, 'templates/config.yaml'), 'utf8');

interface JsonSchema {
  type?: string;
  minimum?: number;
  maximum?: number;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
}

const allSettings: [string, Setting][] = [
  ...Object.entries(PROCESS_WIDE_SETTINGS),
  ...Object.values(SERVICE_SETTINGS).flatMap((settings) => Object.entries(settings)),
];
const charted = allSettings.filter(
  (entry): entry is [string, Setting & { chartValue: string }] => entry[1].chartValue !== undefined,
);

const valueAt = (path: string): unknown =>
  path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], values);
const schemaAt = (path: string): JsonSchema | undefined =>
  path.split('.').reduce<JsonSchema | undefined>((node, key) => node?.properties?.[key], schema);

/** The values schema a setting's bounds stand for. */
const schemaOf = (setting: Setting): JsonSchema => {
  switch (setting.type) {
    case 'integer':
    case 'number':
      return { type: setting.type, minimum: setting.min, maximum: setting.max };
    case 'enum':
      return { type: 'string', enum: [...setting.values] };
    case 'string':
    case 'url':
      return { type: 'string' };
    case 'boolean':
      return { type: 'boolean' };
  }
};

describe('docs/configuration.md', () => {
  it('is the settings tables, as `npm run config:generate` writes them', async () => {
    const options = await resolveConfig(reference);
    const generated = await format(renderConfigurationReference(), {
      ...options,
      parser: 'markdown',
    });
    await expect(generated).toMatchFileSnapshot(reference);
  });
});

describe('the settings tables', () => {
  it('give every service the HTTP server limits the reference lists for all of them', () => {
    // Equal rather than identical: the services' built tables come from the platform's dist.
    for (const settings of Object.values(SERVICE_SETTINGS))
      for (const [name, setting] of Object.entries(HTTP_SERVER_SETTINGS))
        expect(settings[name]).toEqual(setting);
  });

  it('declare a setting read by several services once (the same entry in each)', () => {
    const byName = new Map<string, Setting>();
    for (const [name, setting] of allSettings) {
      // Each service listens on a port of its own: the one setting declared per service.
      if (name === 'PORT') continue;
      expect(byName.get(name) ?? setting, name).toBe(setting);
      byName.set(name, setting);
    }
  });
});

describe('the Helm chart against the settings tables', () => {
  const passed = [...configTemplate.matchAll(/^ {2}([A-Z][A-Z0-9_]*):/gm)].flatMap((match) =>
    match[1] ? [match[1]] : [],
  );

  it('passes only settings that some service declares', () => {
    const declared = new Set(allSettings.map(([name]) => name));
    expect(passed.length).toBeGreaterThan(20);
    expect(passed.filter((name) => !declared.has(name))).toEqual([]);
  });

  it('sets every charted setting from the value the table names', () => {
    for (const [name, setting] of charted) {
      expect(valueAt(setting.chartValue), setting.chartValue).not.toBeUndefined();
      if (name === 'PORT') continue; // set per Deployment from services.<name>.port
      expect(configTemplate, name).toContain(`${name}: {{ .Values.${setting.chartValue} `);
    }
  });

  it("defaults every value to the service's default", () => {
    for (const [name, setting] of charted) {
      // A required setting has no default to agree with: the chart's value is the only one.
      if (setting.isSecret || setting.chartDefaultDiffers || setting.default === undefined)
        continue;
      expect(valueAt(setting.chartValue), name).toEqual(setting.default);
    }
  });

  it('accepts in values.schema.json what the service accepts, and nothing it refuses', () => {
    for (const [name, setting] of charted) {
      // A secret may be empty in the values: existingSecret supplies it then.
      if (setting.isSecret) continue;
      const expected = schemaOf(setting);
      // A pod listening on a port picked at random would be unreachable: the chart wants one.
      if (name === 'PORT' || name === 'HOOKPORT_METRICS_PORT') expected.minimum = 1;
      const actual = schemaAt(setting.chartValue);
      expect(
        {
          type: actual?.type,
          minimum: actual?.minimum,
          maximum: actual?.maximum,
          ...(actual?.enum ? { enum: actual.enum } : {}),
        },
        setting.chartValue,
      ).toEqual(expected);
    }
  });
});
