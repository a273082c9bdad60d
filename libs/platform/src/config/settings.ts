import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

/** What every setting declares, whatever its type: it becomes docs/configuration.md. */
interface SettingFacts {
  /** One sentence for operators: what the setting changes and in which unit. */
  description: string;
  /** Kept in the chart's Secret, never in its ConfigMap; never shown as a default. */
  isSecret?: boolean;
  /** The Helm value the chart sets it from (`config.maxPayloadBytes`), when the chart sets it. */
  chartValue?: string;
  /** Why the chart's default is not the service's (an example production URL, say). */
  chartDefaultDiffers?: string;
  /** No default and none needed: the service works without it. */
  isOptional?: boolean;
}

interface NumberSetting extends SettingFacts {
  type: 'integer' | 'number';
  default?: number;
  min?: number;
  max?: number;
}

interface StringSetting extends SettingFacts {
  type: 'string';
  default?: string;
  minLength?: number;
  pattern?: { regex: RegExp; message: string };
}

interface UrlSetting extends SettingFacts {
  type: 'url';
  default?: string;
}

interface BooleanSetting extends SettingFacts {
  type: 'boolean';
  default?: boolean;
}

interface EnumSetting extends SettingFacts {
  type: 'enum';
  values: readonly string[];
  default?: string;
}

export type Setting = NumberSetting | StringSetting | UrlSetting | BooleanSetting | EnumSetting;

/** Settings by environment variable name. */
export type SettingsTable = Record<string, Setting>;

type ValueOf<S extends Setting> = S extends NumberSetting
  ? number
  : S extends BooleanSetting
    ? boolean
    : S extends { type: 'enum'; values: readonly (infer V)[] }
      ? V
      : string;

type OptionalNames<T extends SettingsTable> = {
  [K in keyof T]: T[K] extends { default: unknown }
    ? never
    : T[K] extends { isOptional: true }
      ? K
      : never;
}[keyof T];

/** The values a table validates to: a setting without default and not optional is required. */
export type SettingValues<T extends SettingsTable> = {
  [K in Exclude<keyof T, OptionalNames<T>>]: ValueOf<T[K]>;
} & { [K in OptionalNames<T>]?: ValueOf<T[K]> };

/** Declares a table, keeping its literal types (enum values, which settings have defaults). */
export const defineSettings = <const T extends SettingsTable>(table: T): T => table;

/** A configuration class made from a table: Nest injects it, `loadSettings` fills it. */
export interface SettingsClass<T extends SettingsTable> {
  new (): SettingValues<T>;
  readonly settings: T;
}

// Only what an operator writes as true: implicit conversion would turn "false" into true.
const toBoolean = (raw: string): boolean => raw === 'true' || raw === '1';

const urlOptions = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

const decoratorsOf = (setting: Setting): PropertyDecorator[] => {
  const decorators: PropertyDecorator[] = [];
  if (setting.isOptional && setting.default === undefined) decorators.push(IsOptional());
  switch (setting.type) {
    case 'integer':
    case 'number':
      decorators.push(setting.type === 'integer' ? IsInt() : IsNumber());
      if (setting.min !== undefined) decorators.push(Min(setting.min));
      if (setting.max !== undefined) decorators.push(Max(setting.max));
      break;
    case 'string':
      decorators.push(IsString());
      if (setting.minLength !== undefined) decorators.push(MinLength(setting.minLength));
      if (setting.pattern)
        decorators.push(Matches(setting.pattern.regex, { message: setting.pattern.message }));
      break;
    case 'url':
      decorators.push(IsUrl(urlOptions));
      break;
    case 'boolean':
      decorators.push(IsBoolean());
      break;
    case 'enum':
      decorators.push(IsIn([...setting.values]));
      break;
  }
  return decorators;
};

/**
 * The class-validator class a table stands for: each setting's decorators are applied from its
 * entry, so the table is the only declaration of names, defaults and bounds.
 */
export const settingsClass = <T extends SettingsTable>(settings: T): SettingsClass<T> => {
  class Settings {
    static readonly settings = settings;
    constructor() {
      for (const [name, setting] of Object.entries(settings))
        if (setting.default !== undefined) Object.assign(this, { [name]: setting.default });
    }
  }
  for (const [name, setting] of Object.entries(settings))
    for (const decorate of decoratorsOf(setting)) decorate(Settings.prototype, name);
  return Settings as unknown as SettingsClass<T>;
};

// Environment values are strings; numbers convert as class-transformer's implicit conversion did.
const parse = (setting: Setting, raw: string): unknown => {
  switch (setting.type) {
    case 'integer':
    case 'number':
      return Number(raw);
    case 'boolean':
      return toBoolean(raw);
    case 'string':
    case 'url':
    case 'enum':
      return raw;
  }
};

/**
 * Reads and validates a configuration class from the environment once, at boot. Nothing else in
 * a service reads `process.env`.
 */
export const loadSettings = <T extends SettingsTable>(
  type: SettingsClass<T>,
  env: Record<string, string | undefined> = process.env,
): SettingValues<T> => {
  const config = new type();
  for (const [name, setting] of Object.entries(type.settings)) {
    const raw = env[name];
    // An optional setting set to nothing is unset (`FOO=` in a shell or a ConfigMap).
    const isUnset = raw === undefined || (raw === '' && setting.isOptional === true);
    if (!isUnset) Object.assign(config, { [name]: parse(setting, raw) });
  }
  const errors = validateSync(config, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) {
    const lines = errors.map(
      (error) => `  ${error.property}: ${Object.values(error.constraints ?? {}).join(', ')}`,
    );
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return config;
};
