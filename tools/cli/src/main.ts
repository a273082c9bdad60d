import { IMPORT_USAGE, parseImportOptions } from './import/import-options';
import { ImportError } from './import/import.errors';
import { SvixImport } from './import/svix-import';

const USAGE = `Usage: hookport <command>

Commands:
  import   copy a Svix account into Hookport (hookport import --help)`;

const print = (line: string) => process.stdout.write(`${line}\n`);

const main = async (argv: string[]): Promise<number> => {
  const [command, ...args] = argv;
  if (!command || command === 'help' || command === '--help') {
    print(USAGE);
    return 0;
  }
  if (command !== 'import') throw new ImportError(`Unknown command "${command}".\n\n${USAGE}`, 2);
  if (args.includes('--help')) {
    print(IMPORT_USAGE);
    return 0;
  }
  await new SvixImport(parseImportOptions(args, process.env), print).run();
  return 0;
};

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // An operator's mistake reads as one sentence; only a bug in the tool shows more.
    if (error instanceof ImportError) {
      process.stderr.write(`hookport: ${error.message}\n`);
      process.exitCode = error.exitCode;
      return;
    }
    process.stderr.write(
      `hookport: unexpected failure: ${(error as Error)?.stack ?? String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
