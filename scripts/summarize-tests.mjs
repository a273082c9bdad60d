// Prints the suite's closing line from Vitest's JSON reports plus the failed setup/lint steps.
import { existsSync, readFileSync } from 'node:fs';

// Usage: summarize-tests.mjs <failed steps> <vitest JSON report>...
const [failedStepsArg, ...reportPaths] = process.argv.slice(2);
const failedSteps = Number(failedStepsArg ?? 0);
let passed = 0;
let failed = 0;
let skipped = 0;
for (const reportPath of reportPaths) {
  if (!existsSync(reportPath)) continue;
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  // A file that failed to load counts as a failure even though none of its tests ran.
  const brokenFiles = (report.testResults ?? []).filter(
    (file) => file.status === 'failed' && (file.assertionResults ?? []).length === 0,
  ).length;
  failed += brokenFiles;
}
// A step that failed (install, build, lint) is a failure of the suite too.
failed += failedSteps;
const parts = [`${passed} passed`, `${failed} failed`];
if (skipped > 0) parts.push(`${skipped} skipped`);
console.log(parts.join(', '));
process.exit(failed > 0 || passed === 0 ? 1 : 0);
