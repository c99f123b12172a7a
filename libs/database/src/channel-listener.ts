import pg from 'pg';
import { quoteIdent } from './ensure-database.js';

export interface ChannelHandlers {
  /** A notification arrived on the channel. */
  notified(): void;
  /** LISTEN is in place: after the first connect and after each reconnect. Notifications sent while it was not are lost. */
  listening(): void;
  /** The connection failed or was lost; a reconnect follows after `retryInMs`. */
  lost(error: Error, retryInMs: number): void;
}

export interface ChannelListenerOptions {
  /** First wait before reconnecting; doubles after each failure in a row. */
  retryMs?: number;
  /** Upper bound of that wait. */
  maxRetryMs?: number;
}

const DEFAULT_RETRY_MS = 250;
const DEFAULT_MAX_RETRY_MS = 10_000;
// A silently dropped connection (a NAT or firewall forgetting it) raises no
// error by itself: TCP keepalives make the kernel notice within about a minute.
const KEEPALIVE_DELAY_MS = 10_000;

/**
 * One dedicated connection that LISTENs on a channel and reconnects, with
 * growing waits, whenever it is refused or lost. It owns its connection (not
 * the ORM's pool, whose connections change hands), runs no other statement,
 * and reports every transition, so its user can catch up after a gap.
 */
export class ChannelListener {
  private client: pg.Client | undefined;
  private retry: NodeJS.Timeout | undefined;
  private failures = 0;
  private stopped = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly channel: string,
    private readonly handlers: ChannelHandlers,
    private readonly options: ChannelListenerOptions = {},
  ) {}

  start(): void {
    this.stopped = false;
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.databaseUrl,
      keepAlive: true,
      keepAliveInitialDelayMillis: KEEPALIVE_DELAY_MS,
    });
    this.client = client;
    let failed = false;
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      void client.end().catch(() => undefined);
      if (this.client === client) this.client = undefined;
      if (!this.stopped) this.scheduleReconnect(error);
    };
    client.on('error', fail);
    client.on('end', () => fail(new Error('the listening connection ended')));
    client.on('notification', (message) => {
      if (message.channel === this.channel) this.handlers.notified();
    });
    try {
      await client.connect();
      await client.query(`listen ${quoteIdent(this.channel)}`);
    } catch (error) {
      fail(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    if (failed || this.stopped) return;
    this.failures = 0;
    this.handlers.listening();
  }

  private scheduleReconnect(error: Error): void {
    this.failures += 1;
    const base = this.options.retryMs ?? DEFAULT_RETRY_MS;
    const retryInMs = Math.min(base * 2 ** (this.failures - 1), this.options.maxRetryMs ?? DEFAULT_MAX_RETRY_MS);
    this.handlers.lost(error, retryInMs);
    this.retry = setTimeout(() => void this.connect(), retryInMs);
  }
}
