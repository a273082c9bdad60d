import { describe, expect, it } from 'vitest';
import { defineSettings, loadSettings, settingsClass } from './settings';

const EXAMPLE_SETTINGS = defineSettings({
  PORT: { type: 'integer', default: 3000, min: 0, max: 65535, description: 'Port.' },
  SECRET: { type: 'string', minLength: 16, isSecret: true, description: 'A secret.' },
  ALLOW_HTTP: { type: 'boolean', default: false, description: 'Allow http.' },
  STYLE: { type: 'enum', values: ['a', 'b'], default: 'a', description: 'Style.' },
  DIR: { type: 'string', isOptional: true, description: 'A folder.' },
  RATIO: { type: 'number', default: 1.5, min: 0.5, description: 'A ratio.' },
});

class ExampleConfig extends settingsClass(EXAMPLE_SETTINGS) {}

const secret = 'sixteen-chars-ok';

describe('a configuration class made from a settings table', () => {
  it('fills in each default when the environment leaves a setting out', () => {
    const config = loadSettings(ExampleConfig, { SECRET: secret });
    expect(config).toBeInstanceOf(ExampleConfig);
    expect({ ...config }).toEqual({
      PORT: 3000,
      SECRET: secret,
      ALLOW_HTTP: false,
      STYLE: 'a',
      RATIO: 1.5,
    });
  });

  it('converts numbers and reads only `true` and `1` as true', () => {
    const config = loadSettings(ExampleConfig, {
      SECRET: secret,
      PORT: '8080',
      RATIO: '0.75',
      ALLOW_HTTP: 'false',
    });
    expect([config.PORT, config.RATIO, config.ALLOW_HTTP]).toEqual([8080, 0.75, false]);
    expect(loadSettings(ExampleConfig, { SECRET: secret, ALLOW_HTTP: '1' }).ALLOW_HTTP).toBe(true);
  });

  it('treats an optional setting set to nothing as unset', () => {
    expect(loadSettings(ExampleConfig, { SECRET: secret, DIR: '' }).DIR).toBeUndefined();
  });

  it('refuses a missing required setting, a value out of bounds and one not in the list', () => {
    expect(() => loadSettings(ExampleConfig, {})).toThrow(/SECRET: .*longer than or equal to 16/);
    expect(() => loadSettings(ExampleConfig, { SECRET: secret, PORT: '70000' })).toThrow(
      /PORT: PORT must not be greater than 65535/,
    );
    expect(() => loadSettings(ExampleConfig, { SECRET: secret, PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadSettings(ExampleConfig, { SECRET: secret, STYLE: 'c' })).toThrow(/STYLE/);
    expect(() => loadSettings(ExampleConfig, { SECRET: secret, RATIO: '0.1' })).toThrow(/RATIO/);
  });
});
