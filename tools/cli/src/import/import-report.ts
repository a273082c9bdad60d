export const RESOURCES = ['event types', 'applications', 'endpoints'] as const;
export type Resource = (typeof RESOURCES)[number];
export type Outcome = 'created' | 'updated' | 'unchanged';

const OUTCOMES: Outcome[] = ['created', 'updated', 'unchanged'];
const DRY_RUN_WORDS: Record<Outcome, string> = {
  created: 'would create',
  updated: 'would update',
  unchanged: 'unchanged',
};

/** Counts per resource and outcome, the progress lines, and the closing summary. */
export class ImportReport {
  readonly counts = Object.fromEntries(
    RESOURCES.map((resource) => [resource, { created: 0, updated: 0, unchanged: 0 }]),
  ) as Record<Resource, Record<Outcome, number>>;
  readonly warnings: string[] = [];

  constructor(
    private readonly print: (line: string) => void,
    readonly isDryRun: boolean,
  ) {}

  word(outcome: Outcome): string {
    return this.isDryRun ? DRY_RUN_WORDS[outcome] : outcome;
  }

  /** Counts one resource's outcome; prints it when given a label (endpoints print per app). */
  record(resource: Resource, outcome: Outcome, label?: string, detail?: string): void {
    this.counts[resource][outcome] += 1;
    if (label) this.print(`  ${label}: ${this.word(outcome)}${detail ? ` ${detail}` : ''}`);
  }

  line(text: string): void {
    this.print(text);
  }

  warn(text: string): void {
    this.warnings.push(text);
  }

  /** e.g. `2 created, 1 updated, 4 unchanged` for what one outcome map holds. */
  tally(counts: Record<Outcome, number>): string {
    return OUTCOMES.map((outcome) => `${counts[outcome]} ${this.word(outcome)}`).join(', ');
  }

  summarise(): void {
    this.print('');
    this.print(this.isDryRun ? 'Summary (dry run, nothing was written):' : 'Summary:');
    for (const resource of RESOURCES) {
      this.print(`  ${resource.padEnd(13)} ${this.tally(this.counts[resource])}`);
    }
    for (const warning of this.warnings) this.print(`warning: ${warning}`);
  }
}
