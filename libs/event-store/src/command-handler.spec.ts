import { fixedClock, RandomIds } from './command-environment.js';
import { decideAll, isVersionConflict, type Decider } from './command-handler.js';
import { KeyledgerError } from '#domain';

type Push = { type: 'Push'; data: { item: string } };
type Pushed = { type: 'Pushed'; data: { item: string; position: number } };
// A stack that refuses duplicates: each command is decided on the state the previous ones left.
const stack: Decider<Push, Pushed, string[]> = {
  streamType: 'stack',
  decide: ({ data }, state) => (state.includes(data.item) ? [] : [{ type: 'Pushed', data: { item: data.item, position: state.length } }]),
  evolve: (state, event) => [...state, event.data.item],
  initialState: () => [],
};
const push = (item: string): Push => ({ type: 'Push', data: { item } });

describe('decideAll', () => {
  it('decides each command on the state the previous ones left', () => {
    const { events, state } = decideAll(stack, [push('a'), push('b'), push('a')], ['z']);
    expect(events).toEqual([
      { type: 'Pushed', data: { item: 'a', position: 1 } },
      { type: 'Pushed', data: { item: 'b', position: 2 } },
    ]);
    expect(state).toEqual(['z', 'a', 'b']);
  });

  it('decides nothing for no command', () => {
    expect(decideAll(stack, [], [])).toEqual({ events: [], state: [] });
  });
});

describe('command environment', () => {
  it('a fixed clock always reads the same instant, as a fresh Date', () => {
    const at = new Date('2030-01-01T00:00:00Z');
    const clock = fixedClock(at);
    const read = clock.now();
    read.setFullYear(1999);
    expect(clock.now()).toEqual(at);
  });

  it('random ids are distinct UUIDs', () => {
    const ids = new RandomIds();
    const [a, b] = [ids.uuid(), ids.uuid()];
    expect(a).toMatch(/^[0-9a-f-]{36}$/);
    expect(a).not.toBe(b);
  });
});

it('recognises a version conflict by its code', () => {
  expect(isVersionConflict(new KeyledgerError('VERSION_CONFLICT', 'moved'))).toBe(true);
  expect(isVersionConflict(new KeyledgerError('NOT_FOUND', 'gone'))).toBe(false);
  expect(isVersionConflict(new Error('VERSION_CONFLICT'))).toBe(false);
});
