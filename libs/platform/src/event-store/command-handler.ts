import type { EventEnvelope } from '@hookport/contracts';
import type { Database, Sql } from '../database/database';
import type { AppendContext, EventStore, NewEvent } from './event-store';

/**
 * A stream's pure rules: which events a command records in a state, and the state an event
 * leads to. The write path runs both: `decide` for the events, `evolve` for the state the row
 * projection then writes, so the row is by construction the fold of the stream.
 */
export interface Decider<TCommand, TState, TEvent extends NewEvent> {
  decide(command: TCommand, state: TState): TEvent[];
  evolve(state: TState, event: TEvent): TState;
}

/** A stream as the write path found it: its current state and the version appends expect. */
export interface LoadedStream<TState> {
  streamId: string;
  version: number;
  state: TState;
}

/** What a command changed: the state after its events, each event as decided and as stored. */
export interface CommandOutcome<TState, TEvent> {
  streamId: string;
  state: TState;
  events: { decided: TEvent; stored: EventEnvelope }[];
}

export interface CommandSpec<TCommand, TState, TEvent, TLoaded extends LoadedStream<TState>> {
  /** Reads the stream's current state (from its row) in the transaction; throws when absent. */
  load(sql: Sql): Promise<TLoaded>;
  /** The command, given what was loaded (a PATCH merges into the current state). */
  command(loaded: TLoaded, sql: Sql): TCommand | Promise<TCommand>;
  /** Who appends, for which application: known once the stream is loaded. */
  context(loaded: TLoaded): AppendContext;
  /** Writes the outcome's state onto the row, in the same transaction; not run for no events. */
  project(sql: Sql, outcome: CommandOutcome<TState, TEvent>): Promise<void>;
}

/**
 * The one write path of a command-side aggregate: load the state, decide, append with the
 * expected stream version (a racing writer gets StreamVersionConflict), evolve, project — all
 * in one transaction. Appending registers the outbox relay's wake on that transaction's commit.
 */
export class CommandHandler<TCommand, TState, TEvent extends NewEvent> {
  constructor(
    private readonly db: Database,
    // The decider says which events; the service's store (its whole map) must accept them.
    private readonly store: EventStore<NoInfer<TEvent>>,
    private readonly decider: Decider<TCommand, TState, TEvent>,
  ) {}

  /** One command in a transaction of its own. */
  run<TLoaded extends LoadedStream<TState>>(
    spec: CommandSpec<TCommand, TState, TEvent, TLoaded>,
  ): Promise<CommandOutcome<TState, TEvent>> {
    return this.db.transaction((sql) => this.apply(sql, spec));
  }

  /** The same within the caller's transaction (e.g. a consumer's, with its inbox). */
  async apply<TLoaded extends LoadedStream<TState>>(
    sql: Sql,
    spec: CommandSpec<TCommand, TState, TEvent, TLoaded>,
  ): Promise<CommandOutcome<TState, TEvent>> {
    const loaded = await spec.load(sql);
    const decided = this.decider.decide(await spec.command(loaded, sql), loaded.state);
    const stored = await this.store.append(
      sql,
      loaded.streamId,
      loaded.version,
      decided,
      spec.context(loaded),
    );
    const outcome: CommandOutcome<TState, TEvent> = {
      streamId: loaded.streamId,
      state: decided.reduce((state, event) => this.decider.evolve(state, event), loaded.state),
      events: decided.map((event, index) => ({ decided: event, stored: stored[index]! })),
    };
    if (outcome.events.length > 0) await spec.project(sql, outcome);
    return outcome;
  }
}
