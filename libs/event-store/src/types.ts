/** An event to append. `eventId` defaults to a random UUID. */
export interface NewEvent {
  type: string;
  data: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  eventId?: string;
}

/** An event as stored in kl_events. */
export interface RecordedEvent {
  globalPosition: number;
  /** xid8 of the appending transaction, as a decimal string. */
  transactionId: string;
  eventId: string;
  streamId: string;
  streamType: string;
  /** null for unversioned access records. */
  streamVersion: number | null;
  tenant: string;
  type: string;
  // Each event type has its own payload; readers narrow it by `type`.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  metadata: any;
  recordedAt: Date;
  /** SHA-256 of the event, hex. */
  hash: string;
  /** Hash of the previous event of the stream, hex; null for the first event and for unversioned records. */
  prevHash: string | null;
}

/** The stream version an append expects; `0` is the same as `'no_stream'`. */
export type ExpectedVersion = number | 'no_stream' | 'any';

export interface AppendOptions {
  streamType: string;
  tenant: string;
  expectedVersion: ExpectedVersion;
}

export interface AppendResult {
  /** The stream's version after the append. */
  nextVersion: number;
  positions: number[];
  events: RecordedEvent[];
}

/** A consumer's place in the log, in (transaction_id, global_position) order. */
export interface Checkpoint {
  transactionId: string;
  globalPosition: number;
}

/** Before every event. */
export const START: Checkpoint = Object.freeze({ transactionId: '0', globalPosition: 0 });

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBadPosition?: number;
  reason?: string;
}
