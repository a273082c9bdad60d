import { describe, expect, it } from 'vitest';
import { parseImportOptions } from './import-options';
import { ImportError } from './import.errors';

const source = ['--from-svix', 'https://api.svix.com', '--token', 'sk_test'];

describe('hookport import’s arguments', () => {
  it('takes the target from the environment when no option names it', () => {
    const options = parseImportOptions([...source, '--dry-run'], {
      HOOKPORT_URL: 'http://127.0.0.1:3000',
      HOOKPORT_ADMIN_API_KEY: 'hp_admin_key',
    });
    expect(options).toEqual({
      sourceUrl: 'https://api.svix.com',
      sourceToken: 'sk_test',
      targetUrl: 'http://127.0.0.1:3000',
      targetToken: 'hp_admin_key',
      isDryRun: true,
    });
  });

  it('prefers --to and --to-token over the environment', () => {
    const options = parseImportOptions(
      [...source, '--to', 'https://hooks.example.com', '--to-token', 'key_1'],
      { HOOKPORT_URL: 'http://ignored', HOOKPORT_ADMIN_API_KEY: 'ignored' },
    );
    expect(options).toMatchObject({ targetUrl: 'https://hooks.example.com', targetToken: 'key_1' });
  });

  it.each([
    [['--token', 'sk'], 'Missing --from-svix'],
    [['--from-svix', 'https://api.svix.com'], 'Missing --token'],
    [[...source], 'Missing --to URL'],
    [
      ['--from-svix', 'api.svix.com', '--token', 'sk', '--to', 'http://h', '--to-token', 'k'],
      'must be an http(s) URL',
    ],
    [[...source, '--frm-svix', 'x'], "Unknown option '--frm-svix'"],
  ])('refuses %j as a usage error (exit 2)', (args, message) => {
    let thrown: unknown;
    try {
      parseImportOptions(args, {});
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ImportError);
    expect((thrown as ImportError).exitCode).toBe(2);
    expect((thrown as ImportError).message).toContain(message);
  });
});
