import type { EntityManager } from '@mikro-orm/postgresql';
import { KeyledgerError, type CommandMetadata } from '#domain';
import { appendToStream } from './append.js';
import type { CommandEnvironment, IdSource } from './command-environment.js';
import { readStream } from './read-stream.js';
import type { AppendResult, NewEvent, RecordedEvent } from './types.js';

/** How many times a command runs at most: the first attempt and the retries after a conflict. */
export const COMMAND_ATTEMPTS = 5;

/** An aggregate's pure write model: decide events from a command, fold events into state. */
export interface Decider<Command, Event extends NewEvent, State> {
  streamType: string;
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

/** A stream as read for a command: its version is the version the append expects. */
export interface LoadedStream<State> {
  streamId: string;
  version: number;
  state: State;
  /** Tenant of the stream's events; null while the stream has none. */
  tenant: string | null;
}

/** What building the commands may use: the attempt's transaction, the stream read, the metadata of this attempt. */
export interface BuildContext<State> {
  tx: EntityManager;
  loaded: LoadedStream<State>;
  metadata: CommandMetadata;
  ids: IdSource;
}

export type BuildCommands<Command, State> = (state: State, context: BuildContext<State>) => Command[] | Promise<Command[]>;

/** One successful attempt. `appended` is null when the commands decided no event (nothing was written). */
export interface CommandOutcome<Event, State> {
  tx: EntityManager;
  loaded: LoadedStream<State>;
  events: Event[];
  /** The state after the events. */
  state: State;
  appended: AppendResult | null;
}

export interface HandleOptions<Event, State, Result> {
  actor: string;
  env: CommandEnvironment;
  /** Tenant of a stream that does not exist yet; an existing stream keeps its own. */
  tenant?: string;
  /** Runs after the read, before deciding: access checks, preconditions (If-Match). */
  authorize?(tx: EntityManager, loaded: LoadedStream<State>): void | Promise<void>;
  /** Writes that must commit with the events, before the append (sealing, reservations). */
  beforeAppend?(tx: EntityManager, loaded: LoadedStream<State>, events: Event[]): Promise<void>;
  /** Runs after the append in the same transaction (projection), also when nothing was decided; its value is the result. */
  after?(outcome: CommandOutcome<Event, State>): Result | Promise<Result>;
  /**
   * Whether a failed attempt runs again (on a fresh read), up to COMMAND_ATTEMPTS.
   * `loaded` is the failed attempt's read, if it got that far; `em` is outside
   * the failed attempt. Default: on VERSION_CONFLICT.
   */
  retry?(error: unknown, loaded: LoadedStream<State> | undefined, em: EntityManager): boolean | Promise<boolean>;
}

export function isVersionConflict(error: unknown): boolean {
  return error instanceof KeyledgerError && error.code === 'VERSION_CONFLICT';
}

/** Each command through `decide` against the state the previous ones left: the events and the state they lead to. */
export function decideAll<C, E extends NewEvent, S>(decider: Decider<C, E, S>, commands: C[], initial: S): { events: E[]; state: S } {
  const events: E[] = [];
  let state = initial;
  for (const command of commands) {
    for (const event of decider.decide(command, state)) {
      state = decider.evolve(state, event);
      events.push(event);
    }
  }
  return { events, state };
}

/** Reads a stream and folds its events into the decider's state. */
export async function loadStream<S>(
  decider: Pick<Decider<unknown, NewEvent, S>, 'evolve' | 'initialState'>,
  em: EntityManager,
  streamId: string,
): Promise<LoadedStream<S>> {
  const stream = await readStream(em, streamId);
  const state = stream.events.map(toDomainEvent).reduce((s, e) => decider.evolve(s, e), decider.initialState());
  return { streamId, version: stream.version, state, tenant: stream.events[0]?.tenant ?? null };
}

const toDomainEvent = (recorded: RecordedEvent): NewEvent => ({ type: recorded.type, data: recorded.data });

/**
 * The one write path of every event-sourced aggregate, after Emmett's
 * CommandHandler: `commandHandler(decider)(em, streamId, build, options)`
 * reads the stream, folds it, decides the commands `build` returns, and
 * appends the events with the version read as the expected one, each attempt
 * in its own transaction (a savepoint when `em` is already in one). A failed
 * attempt that `options.retry` accepts (default: a VERSION_CONFLICT) runs
 * again on a fresh read, COMMAND_ATTEMPTS times at most; then the error
 * surfaces. No event decided: nothing is appended.
 */
export function commandHandler<C, E extends NewEvent, S>(decider: Decider<C, E, S>) {
  return async function handle<R = CommandOutcome<E, S>>(
    em: EntityManager,
    streamId: string,
    build: BuildCommands<C, S>,
    options: HandleOptions<E, S, R>,
  ): Promise<R> {
    for (let attempt = 1; ; attempt++) {
      const seen: { loaded?: LoadedStream<S> } = {};
      try {
        return await em.transactional((tx) => runAttempt(decider, tx, streamId, build, options, seen));
      } catch (error) {
        if (attempt >= COMMAND_ATTEMPTS || !(await shouldRetry(error, seen.loaded, em, options))) throw error;
      }
    }
  };
}

function shouldRetry<E, S, R>(error: unknown, loaded: LoadedStream<S> | undefined, em: EntityManager, options: HandleOptions<E, S, R>) {
  return options.retry ? options.retry(error, loaded, em) : isVersionConflict(error);
}

async function runAttempt<C, E extends NewEvent, S, R>(
  decider: Decider<C, E, S>,
  tx: EntityManager,
  streamId: string,
  build: BuildCommands<C, S>,
  options: HandleOptions<E, S, R>,
  seen: { loaded?: LoadedStream<S> },
): Promise<R> {
  const loaded = await loadStream(decider, tx, streamId);
  seen.loaded = loaded;
  await options.authorize?.(tx, loaded);
  const metadata = { actor: options.actor, now: options.env.clock.now().toISOString() };
  const commands = await build(loaded.state, { tx, loaded, metadata, ids: options.env.ids });
  const { events, state } = decideAll(decider, commands, loaded.state);
  const appended = events.length === 0 ? null : await append(decider.streamType, tx, loaded, events, options);
  const outcome: CommandOutcome<E, S> = { tx, loaded, events, state, appended };
  return options.after ? options.after(outcome) : (outcome as R);
}

async function append<E extends NewEvent, S, R>(
  streamType: string,
  tx: EntityManager,
  loaded: LoadedStream<S>,
  events: E[],
  options: HandleOptions<E, S, R>,
): Promise<AppendResult> {
  await options.beforeAppend?.(tx, loaded, events);
  const tenant = loaded.tenant ?? options.tenant;
  if (tenant === undefined) throw new KeyledgerError('NOT_FOUND', `stream ${loaded.streamId} not found`);
  const identified = events.map((event) => ({ ...event, eventId: options.env.ids.uuid() }));
  return appendToStream(tx, loaded.streamId, identified, { streamType, tenant, expectedVersion: loaded.version });
}
