// Strict ISO-8601 instants: Date.parse alone accepts 2025-02-30 and dates without a zone.
// Years run 0001-9999, inside the range PostgreSQL's timestamptz accepts.

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/i;

/** The instant in canonical form (`2027-01-31T00:00:00.000Z`), or undefined if `value` is not a real instant. */
export function parseInstant(value: string): string | undefined {
  const match = INSTANT.exec(value.trim());
  if (!match) return undefined;
  // INSTANT makes every group but the seconds and the fraction mandatory.
  type Groups = [string, string, string, string, string, string | undefined, string | undefined, string];
  const [year, month, day, hour, minute, second = '0', fraction = '', zone] = match.slice(1) as Groups;
  const [y, mo, d, h, mi, s] = [Number(year), Number(month), Number(day), Number(hour), Number(minute), Number(second)];
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  date.setUTCHours(h, mi, s, Number(fraction.padEnd(3, '0').slice(0, 3)));
  const offsetMinutes = zoneOffsetMinutes(zone);
  if (offsetMinutes === undefined) return undefined;
  return new Date(date.getTime() - offsetMinutes * 60_000).toISOString();
}

function zoneOffsetMinutes(zone: string): number | undefined {
  if (zone.toUpperCase() === 'Z') return 0;
  const hours = Number(zone.slice(1, 3));
  const minutes = Number(zone.slice(4, 6));
  if (hours > 23 || minutes > 59) return undefined;
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}
