import { parseArgs } from 'node:util';
import { ImportError } from './import.errors';

export interface ImportOptions {
  sourceUrl: string;
  sourceToken: string;
  targetUrl: string;
  targetToken: string;
  isDryRun: boolean;
}

export const IMPORT_USAGE = `Usage: hookport import --from-svix URL --token TOKEN [--to URL] [--to-token KEY] [--dry-run]

Copies a Svix account (event types, applications, endpoints with their filters, headers,
rate limits and signing secrets) into Hookport. Safe to run again: what is already there
is left unchanged, and an interrupted run carries on where it stopped.

  --from-svix URL   the Svix API, e.g. https://api.eu.svix.com
  --token TOKEN     a Svix API token of the account to copy
  --to URL          Hookport's gateway [env HOOKPORT_URL]
  --to-token KEY    a Hookport management API key [env HOOKPORT_ADMIN_API_KEY]
  --dry-run         show what would be created or updated; write nothing`;

const isHttpUrl = (value: string): boolean => {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
};

const usageError = (message: string) => new ImportError(`${message}\n\n${IMPORT_USAGE}`, 2);

/** Reads `hookport import`'s arguments; the environment only fills in the target. */
export const parseImportOptions = (
  args: string[],
  env: Record<string, string | undefined>,
): ImportOptions => {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        'from-svix': { type: 'string' },
        token: { type: 'string' },
        to: { type: 'string' },
        'to-token': { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw usageError((error as Error).message);
  }
  const sourceUrl = values['from-svix'];
  const sourceToken = values.token;
  const targetUrl = values.to ?? env['HOOKPORT_URL'];
  const targetToken = values['to-token'] ?? env['HOOKPORT_ADMIN_API_KEY'];
  if (!sourceUrl) throw usageError('Missing --from-svix URL.');
  if (!sourceToken) throw usageError('Missing --token (a Svix API token).');
  if (!targetUrl) throw usageError('Missing --to URL (or HOOKPORT_URL).');
  if (!targetToken) throw usageError('Missing --to-token (or HOOKPORT_ADMIN_API_KEY).');
  for (const [option, url] of [
    ['--from-svix', sourceUrl],
    ['--to', targetUrl],
  ] as const) {
    if (!isHttpUrl(url)) throw usageError(`${option} must be an http(s) URL, got "${url}".`);
  }
  return { sourceUrl, sourceToken, targetUrl, targetToken, isDryRun: values['dry-run'] };
};
