/** What a process started by `npm start` tells it over the IPC channel once it serves. */
export interface ReadyMessage {
  keyledger: 'ready';
  process: 'api' | 'worker';
}

export function isReadyMessage(message: unknown): message is ReadyMessage {
  return typeof message === 'object' && message !== null && (message as ReadyMessage).keyledger === 'ready';
}

/**
 * Run under `npm start` (an IPC channel to the parent): report readiness, and
 * stop when the parent goes away, however it ended, so no API or worker is
 * left holding the port or the queues. Run alone, this does nothing.
 */
export function reportReady(name: ReadyMessage['process'], close: () => Promise<void>): void {
  if (!process.send || !process.connected) return;
  const message: ReadyMessage = { keyledger: 'ready', process: name };
  process.send(message);
  process.once('disconnect', () => {
    void close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
