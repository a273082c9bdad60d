import {
  Svix,
  type ApplicationOut,
  type EndpointIn,
  type EndpointOut,
  type EventTypeOut,
} from 'svix';
import {
  applicationFields,
  changedFields,
  desiredHeaders,
  endpointFields,
  eventTypeFields,
  hasChanges,
  matchEndpoint,
  sameHeaders,
} from './differences';
import { isNotFound, onSide } from './import.errors';
import type { ImportOptions } from './import-options';
import { ImportReport, type Outcome } from './import-report';

const PAGE_SIZE = 100;

interface Page<T> {
  data: T[];
  iterator: string | null;
  done: boolean;
}

const listAll = async <T>(fetchPage: (iterator: string | null) => Promise<Page<T>>) => {
  const items: T[] = [];
  let iterator: string | null = null;
  for (;;) {
    const page: Page<T> = await fetchPage(iterator);
    items.push(...page.data);
    if (page.done || !page.iterator || page.data.length === 0) return items;
    iterator = page.iterator;
  }
};

/**
 * Copies a Svix account into Hookport, both through the official Svix SDK: Hookport's management
 * API speaks Svix's, so one set of types describes both sides and a field copies as itself.
 * Every resource is matched before anything is written (applications by uid, or by the Svix id
 * kept as the Hookport uid; endpoints by uid, or by URL within the application; event types by
 * name), so a second run writes nothing and an interrupted one carries on.
 */
export class SvixImport {
  private readonly source: Svix;
  private readonly target: Svix;
  private readonly report: ImportReport;
  /** Event types archived on the target: an endpoint cannot be given them as filters. */
  private readonly archivedOnTarget = new Set<string>();
  /** Archived in the source: archived on the target last, once no endpoint write needs them. */
  private readonly toArchive = new Set<string>();

  constructor(
    private readonly options: ImportOptions,
    print: (line: string) => void,
  ) {
    this.source = new Svix(options.sourceToken, { serverUrl: options.sourceUrl });
    this.target = new Svix(options.targetToken, { serverUrl: options.targetUrl });
    this.report = new ImportReport(print, options.isDryRun);
  }

  private get isDryRun(): boolean {
    return this.options.isDryRun;
  }

  async run(): Promise<ImportReport> {
    const { report } = this;
    report.line(
      `Importing ${this.options.sourceUrl} into ${this.options.targetUrl}` +
        (this.isDryRun ? ' (dry run: nothing will be written)' : ''),
    );
    // Read both catalogues and the source's applications first: a wrong token or address on
    // either side fails here, before anything is written.
    const sourceTypes = await onSide('source', 'list event types', () =>
      listAll((iterator) =>
        this.source.eventType.list({
          iterator,
          limit: PAGE_SIZE,
          includeArchived: true,
          withContent: true,
        }),
      ),
    );
    const targetTypes = await onSide('target', 'list event types', () =>
      listAll((iterator) =>
        this.target.eventType.list({ iterator, limit: PAGE_SIZE, includeArchived: true }),
      ),
    );
    const sourceApps = await onSide('source', 'list applications', () =>
      listAll((iterator) => this.source.application.list({ iterator, limit: PAGE_SIZE })),
    );

    report.line(`Event types: ${sourceTypes.length} in the source`);
    const targetTypesByName = new Map(targetTypes.map((type) => [type.name, type]));
    for (const type of sourceTypes)
      await this.importEventType(type, targetTypesByName.get(type.name));

    report.line(`Applications: ${sourceApps.length} in the source`);
    for (const [index, app] of sourceApps.entries()) {
      await this.importApplication(app, `[${index + 1}/${sourceApps.length}]`);
    }

    if (this.toArchive.size > 0) {
      report.line(
        `${this.isDryRun ? 'Would archive' : 'Archiving'} ${this.toArchive.size} event type(s) archived in the source`,
      );
      for (const name of this.toArchive) {
        await this.write(`archive event type ${name}`, () =>
          this.target.eventType.patch(name, { archived: true }),
        );
      }
    }
    report.summarise();
    return report;
  }

  /** Runs a write to the target unless this is a dry run; answers undefined then. */
  private async write<T>(action: string, call: () => Promise<T>): Promise<T | undefined> {
    if (this.isDryRun) return undefined;
    return onSide('target', action, call);
  }

  private async importEventType(source: EventTypeOut, target: EventTypeOut | undefined) {
    const label = `event type ${source.name}`;
    const isArchived = source.archived ?? false;
    if (!target) {
      // Created live and archived at the end: endpoints may still have to filter on it.
      await this.write(`create ${label}`, () =>
        this.target.eventType.create({ name: source.name, ...eventTypeFields(source) }),
      );
      if (isArchived) this.toArchive.add(source.name);
      this.report.record('event types', 'created', label);
      return;
    }
    const changes: Record<string, unknown> = changedFields(
      eventTypeFields(source),
      eventTypeFields(target),
    );
    const isArchivedOnTarget = target.archived ?? false;
    if (isArchived && !isArchivedOnTarget) this.toArchive.add(source.name);
    if (!isArchived && isArchivedOnTarget) changes['archived'] = false;
    if (isArchived && isArchivedOnTarget) this.archivedOnTarget.add(source.name);
    if (hasChanges(changes)) {
      await this.write(`update ${label}`, () => this.target.eventType.patch(source.name, changes));
    }
    const outcome: Outcome =
      hasChanges(changes) || this.toArchive.has(source.name) ? 'updated' : 'unchanged';
    this.report.record('event types', outcome, label);
  }

  /** Un-archives, until the end of the run, the archived types an endpoint write filters on. */
  private async makeFilterable(eventTypes: string[] | null | undefined) {
    for (const name of eventTypes ?? []) {
      if (!this.archivedOnTarget.has(name)) continue;
      await this.write(`un-archive event type ${name} for a while`, () =>
        this.target.eventType.patch(name, { archived: false }),
      );
      this.archivedOnTarget.delete(name);
      this.toArchive.add(name);
    }
  }

  private async importApplication(source: ApplicationOut, position: string) {
    // Without a uid the Svix id becomes the Hookport uid: the next run finds the application by
    // it, and the operator's code that names applications by Svix id keeps working.
    const key = source.uid ?? source.id;
    const label = `application ${key}`;
    const target = await onSide('target', `get ${label}`, () =>
      this.target.application.get(key).catch((error: unknown) => {
        if (isNotFound(error)) return undefined;
        throw error;
      }),
    );
    let outcome: Outcome = 'unchanged';
    let targetId = target?.id;
    if (!target) {
      const created = await this.write(`create ${label}`, () =>
        this.target.application.create({ uid: key, ...applicationFields(source) }),
      );
      targetId = created?.id;
      outcome = 'created';
    } else {
      const changes = changedFields(applicationFields(source), applicationFields(target));
      if (hasChanges(changes)) {
        await this.write(`update ${label}`, () =>
          this.target.application.patch(target.id, changes),
        );
        outcome = 'updated';
      }
    }
    const endpoints = await this.importEndpoints(source, targetId, label);
    this.report.record(
      'applications',
      outcome,
      `${position} ${label}`,
      `(endpoints: ${this.report.tally(endpoints)})`,
    );
  }

  private async importEndpoints(
    app: ApplicationOut,
    targetAppId: string | undefined,
    appLabel: string,
  ): Promise<Record<Outcome, number>> {
    const counts: Record<Outcome, number> = { created: 0, updated: 0, unchanged: 0 };
    const sources = await onSide('source', `list the endpoints of ${appLabel}`, () =>
      listAll((iterator) => this.source.endpoint.list(app.id, { iterator, limit: PAGE_SIZE })),
    );
    const targets = targetAppId
      ? await onSide('target', `list the endpoints of ${appLabel}`, () =>
          listAll((iterator) =>
            this.target.endpoint.list(targetAppId, { iterator, limit: PAGE_SIZE }),
          ),
        )
      : [];
    const taken = new Set<string>();
    for (const source of sources) {
      const target = matchEndpoint(source, targets, taken);
      if (target) taken.add(target.id);
      const outcome = await this.importEndpoint(app, source, targetAppId, target, appLabel);
      counts[outcome] += 1;
      this.report.record('endpoints', outcome);
    }
    return counts;
  }

  private async importEndpoint(
    app: ApplicationOut,
    source: EndpointOut,
    targetAppId: string | undefined,
    target: EndpointOut | undefined,
    appLabel: string,
  ): Promise<Outcome> {
    // Named by uid or id, never by URL: URLs can carry credentials.
    const label = `endpoint ${source.uid ?? source.id} of ${appLabel}`;
    const { key: secret } = await onSide('source', `read the secret of ${label}`, () =>
      this.source.endpoint.getSecret(app.id, source.id),
    );
    const sourceHeaders = await onSide('source', `read the headers of ${label}`, () =>
      this.source.endpoint.getHeaders(app.id, source.id),
    );
    const fields = endpointFields(source);

    if (!target || !targetAppId) {
      const { headers, unreadable } = desiredHeaders(sourceHeaders, undefined);
      this.warnUnreadable(label, unreadable);
      const endpointIn: EndpointIn = {
        ...fields,
        uid: source.uid ?? null,
        secret,
        headers: Object.keys(headers).length > 0 ? headers : null,
      };
      await this.makeFilterable(fields.eventTypes);
      if (targetAppId) {
        await this.write(`create ${label}`, () =>
          this.target.endpoint.create(targetAppId, endpointIn),
        );
      }
      return 'created';
    }

    let outcome: Outcome = 'unchanged';
    const changes = changedFields(fields, endpointFields(target));
    if (hasChanges(changes)) {
      if (changes.eventTypes) await this.makeFilterable(changes.eventTypes);
      await this.write(`update ${label}`, () =>
        this.target.endpoint.patch(targetAppId, target.id, changes),
      );
      outcome = 'updated';
    }
    const targetHeaders = await onSide('target', `read the headers of ${label}`, () =>
      this.target.endpoint.getHeaders(targetAppId, target.id),
    );
    const { headers, unreadable } = desiredHeaders(sourceHeaders, targetHeaders.headers);
    this.warnUnreadable(label, unreadable);
    if (!sameHeaders(headers, targetHeaders.headers)) {
      await this.write(`set the headers of ${label}`, () =>
        this.target.endpoint.setHeaders(targetAppId, target.id, { headers }),
      );
      outcome = 'updated';
    }
    const { key: targetSecret } = await onSide('target', `read the secret of ${label}`, () =>
      this.target.endpoint.getSecret(targetAppId, target.id),
    );
    if (targetSecret !== secret) {
      // A rotation, not a replacement: deliveries in flight stay verifiable through the grace period.
      await this.write(`set the secret of ${label}`, () =>
        this.target.endpoint.rotateSecret(targetAppId, target.id, { key: secret }),
      );
      outcome = 'updated';
    }
    return outcome;
  }

  private warnUnreadable(label: string, names: string[]) {
    if (names.length === 0) return;
    this.report.warn(
      `${label}: Svix does not reveal the value of header(s) ${names.join(', ')}; set them in Hookport yourself.`,
    );
  }
}
