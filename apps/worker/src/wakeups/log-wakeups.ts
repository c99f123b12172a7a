import { ChannelListener, type ChannelListenerOptions } from '#database';
import { LOG_CHANNEL } from '#event-store';

export interface WakeupLog {
  info(message: string): void;
  warn(message: string): void;
}

/**
 * The worker process's one LISTEN connection on the log's channel, fanned out
 * to every consumer loop: each commit that appended wakes them all. While the
 * connection is down the loops keep polling at their interval; once it is
 * back they are all woken, since what was appended meanwhile went unannounced.
 */
export class LogWakeups {
  private readonly listener: ChannelListener;
  private readonly subscribers = new Set<() => void>();
  private down = false;

  constructor(databaseUrl: string, log: WakeupLog, options?: ChannelListenerOptions) {
    this.listener = new ChannelListener(
      databaseUrl,
      LOG_CHANNEL,
      {
        notified: () => this.wakeAll(),
        listening: () => {
          if (this.down) log.info('listening for appends to the log again');
          this.down = false;
          this.wakeAll();
        },
        lost: (error, retryInMs) => {
          // One line per outage, not one per failed reconnect.
          if (!this.down)
            log.warn(`not listening for appends to the log (${firstLine(error)}); polling until it is back, retrying in ${retryInMs} ms`);
          this.down = true;
        },
      },
      options,
    );
  }

  /** `wake` runs on every append notified from now on; returns the unsubscribe. */
  subscribe(wake: () => void): () => void {
    this.subscribers.add(wake);
    return () => void this.subscribers.delete(wake);
  }

  start(): void {
    this.listener.start();
  }

  stop(): Promise<void> {
    return this.listener.stop();
  }

  private wakeAll(): void {
    for (const wake of this.subscribers) wake();
  }
}

function firstLine(error: Error): string {
  return error.message.split('\n')[0]!.slice(0, 200);
}
