import { AuditFollower, type AuditEntry, type AuditPage } from './audit.js';

// A trail that grows at its newest end, paged newest first as GET /v1/audit pages it.
function trail(pageSize: number) {
  const entries: AuditEntry[] = [];
  const reads: (string | null)[] = [];
  const add = (count: number) => {
    for (let i = 0; i < count; i++) {
      const position = entries.length + 1;
      entries.unshift({
        position,
        eventId: `event-${position}`,
        eventType: 'SecretRevealed',
        tenant: 'default',
        at: new Date(Date.UTC(2027, 0, 1, 0, 0, position)).toISOString(),
        actor: 'bootstrap-admin',
        action: 'revealed',
        outcome: 'success',
        credentialId: null,
        details: {},
      });
    }
  };
  const readPage = async (cursor: string | null): Promise<AuditPage> => {
    reads.push(cursor);
    const start = cursor === null ? 0 : Number(cursor);
    const end = start + pageSize;
    return { entries: entries.slice(start, end), nextCursor: end < entries.length ? String(end) : null };
  };
  return { entries, reads, add, readPage };
}

const positions = (entries: AuditEntry[]) => entries.map((e) => e.position);

describe('AuditFollower', () => {
  it('starts with the newest page, then hands out only what is new, newest first', async () => {
    const t = trail(3);
    t.add(5);
    const follower = new AuditFollower(t.readPage);
    expect(positions(await follower.next())).toEqual([5, 4, 3]);
    expect(await follower.next()).toEqual([]);
    t.add(2);
    expect(positions(await follower.next())).toEqual([7, 6]);
    expect(await follower.next()).toEqual([]);
  });

  it('reads on through pages when more arrived than one page holds', async () => {
    const t = trail(2);
    t.add(1);
    const follower = new AuditFollower(t.readPage);
    await follower.next();
    t.add(5);
    t.reads.length = 0;
    expect(positions(await follower.next())).toEqual([6, 5, 4, 3, 2]);
    expect(t.reads).toEqual([null, '2', '4']);
  });

  it('continues after the entries a view already shows, never repeating one', async () => {
    const t = trail(10);
    t.add(4);
    const shown = t.entries.slice(0, 4);
    const follower = new AuditFollower(t.readPage, shown);
    expect(await follower.next()).toEqual([]);
    t.add(1);
    expect(positions(await follower.next())).toEqual([5]);
  });

  it('hands out everything that appears after an empty view', async () => {
    const t = trail(2);
    const follower = new AuditFollower(t.readPage, []);
    expect(await follower.next()).toEqual([]);
    t.add(3);
    expect(positions(await follower.next())).toEqual([3, 2, 1]);
  });
});
