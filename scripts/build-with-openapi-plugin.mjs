// Compiles one project with tsc and @nestjs/swagger's compiler plugin (the "CLI plugin"), so
// its DTO and controller classes carry the OpenAPI metadata the plugin reads from their types and
// doc comments. swc, which builds the other projects, cannot run TypeScript transformers.
// Usage: node scripts/build-with-openapi-plugin.mjs <project-dir>
import { rmSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import ts from 'typescript';
import swaggerPlugin from '@nestjs/swagger/plugin.js';

const projectDir = resolve(process.argv[2] ?? '.');
const sourceDir = join(projectDir, 'src');
const outDir = join(projectDir, 'dist');

const parsed = ts.getParsedCommandLineOfConfigFile(
  join(projectDir, 'tsconfig.json'),
  { outDir, rootDir: sourceDir, noEmit: false, declaration: false },
  { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => fail([d]) },
);
if (!parsed) process.exit(1);

const isOwnSource = (file) =>
  resolve(file).startsWith(sourceDir + sep) && !/\.spec\.ts$/.test(file);
const program = ts.createProgram({
  rootNames: parsed.fileNames.filter(isOwnSource),
  options: parsed.options,
});
const plugin = swaggerPlugin.before(
  {
    introspectComments: true,
    classValidatorShim: true,
    dtoFileNameSuffix: ['.dto.ts', '.query.ts', '.out.ts'],
    controllerFileNameSuffix: ['.controller.ts'],
  },
  program,
);

rmSync(outDir, { recursive: true, force: true });
const diagnostics = [];
// Emit file by file: the workspace's path mapping pulls other projects' sources into the
// program, and those are built by their own projects.
for (const sourceFile of program.getSourceFiles()) {
  if (sourceFile.isDeclarationFile || !isOwnSource(sourceFile.fileName)) continue;
  const result = program.emit(sourceFile, undefined, undefined, false, { before: [plugin] });
  diagnostics.push(...result.diagnostics);
}
if (diagnostics.length > 0) fail(diagnostics);

function fail(list) {
  process.stderr.write(
    ts.formatDiagnosticsWithColorAndContext(list, {
      getCanonicalFileName: (f) => f,
      getCurrentDirectory: () => process.cwd(),
      getNewLine: () => '\n',
    }),
  );
  process.exit(1);
}
