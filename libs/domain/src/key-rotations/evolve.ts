import type { KeyRotationEvent, KeyRotationState } from './types.js';

export function initialKeyRotationState(): KeyRotationState {
  return { status: 'absent' };
}

/** Total like the credential's evolve: an event that cannot apply leaves the state as it is. */
export function evolveKeyRotation(state: KeyRotationState, event: KeyRotationEvent): KeyRotationState {
  const { data } = event;
  if (event.type === 'KeyRotationRequested') {
    if (state.status !== 'absent') return state;
    return {
      status: 'open',
      rotationId: data.rotationId,
      mode: event.data.mode,
      targetKekId: event.data.targetKekId,
      requestedAt: data.at,
      requestedBy: data.actor,
      batches: 0,
      done: 0,
      failed: 0,
      finishedAt: null,
    };
  }
  if (state.status !== 'open') return state;
  switch (event.type) {
    case 'KeyRotationBatchCompleted':
      return { ...state, batches: event.data.batch, done: state.done + event.data.done, failed: state.failed + event.data.failed };
    case 'KeyRotationCompleted':
      return { ...state, status: 'completed', finishedAt: data.at };
    case 'KeyRotationFailed':
      return { ...state, status: 'failed', finishedAt: data.at };
  }
}

export function foldKeyRotation(events: KeyRotationEvent[]): KeyRotationState {
  return events.reduce(evolveKeyRotation, initialKeyRotationState());
}
