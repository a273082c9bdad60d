import type { Setting, SettingsTable } from './settings';

const code = (text: string) => `\`${text}\``;

const defaultOf = (setting: Setting): string => {
  if (setting.isSecret) return '— (Secret)';
  if (setting.default === undefined) return setting.isOptional ? 'unset' : 'required';
  if (setting.default === '') return 'empty';
  return code(String(setting.default));
};

const boundsOf = (setting: Setting): string => {
  switch (setting.type) {
    case 'integer':
    case 'number': {
      const kind = setting.type === 'integer' ? 'integer' : 'number';
      if (setting.min !== undefined && setting.max !== undefined)
        return `${kind} ${setting.min} to ${setting.max}`;
      if (setting.min !== undefined) return `${kind} ≥ ${setting.min}`;
      if (setting.max !== undefined) return `${kind} ≤ ${setting.max}`;
      return kind;
    }
    case 'string':
      if (setting.minLength === 1) return 'not empty';
      if (setting.minLength !== undefined) return `at least ${setting.minLength} characters`;
      return setting.pattern?.message ?? 'text';
    case 'url':
      return 'http(s) URL';
    case 'boolean':
      return '`true` or `false`';
    case 'enum':
      return setting.values.map(code).join(', ');
  }
};

const cell = (text: string) => text.replaceAll('|', '\\|');

/** A Markdown table of settings, one row each, as docs/configuration.md shows them. */
export const renderSettingsTable = (settings: SettingsTable): string => {
  const rows = Object.entries(settings).map(([name, setting]) =>
    [
      code(name),
      setting.chartValue ? code(setting.chartValue) : '—',
      defaultOf(setting),
      boundsOf(setting),
      setting.description,
    ].map(cell),
  );
  return [
    '| Variable | Helm value | Default | Accepts | Meaning |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
};
