// The one parser of every date the CLI takes (--expires, --from, --to, ...):
// a calendar day, a duration from now, or a full ISO instant, always sent on
// as an ISO instant in UTC.
import { InvalidArgumentError } from 'commander';

/** Which instant a bare day stands for, and which way a duration counts from now. */
export interface DateMeaning {
  /** `start`: midnight UTC at the start of the day; `end`: its last millisecond (for an inclusive upper bound). */
  day: 'start' | 'end';
  /** `ahead`: `30d` is 30 days from now (an expiry); `ago`: 30 days before now (a filter on the past). */
  duration: 'ahead' | 'ago';
}

export const EXPIRY: DateMeaning = { day: 'start', duration: 'ahead' };
export const SINCE: DateMeaning = { day: 'start', duration: 'ago' };
export const UNTIL: DateMeaning = { day: 'end', duration: 'ago' };

export const DATE_FORMS = 'YYYY-MM-DD, a duration (30d, 12h, 90m) or an ISO instant such as 2027-01-31T12:00:00Z';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DURATION = /^(\d{1,6})([smhdw])$/;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;
const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/** The ISO instant `text` means, or null when it is none of the accepted forms. */
export function parseDate(text: string, meaning: DateMeaning, now: number = Date.now()): string | null {
  const value = text.trim();
  const day = DAY.exec(value);
  if (day) {
    const [year, month, date] = day.slice(1).map(Number) as [number, number, number];
    if (!realDay(year, month, date)) return null;
    const start = Date.UTC(year, month - 1, date);
    return new Date(meaning.day === 'start' ? start : start + UNIT_MS.d - 1).toISOString();
  }
  const duration = DURATION.exec(value);
  if (duration) {
    const ms = Number(duration[1]) * UNIT_MS[duration[2] as keyof typeof UNIT_MS];
    return new Date(meaning.duration === 'ahead' ? now + ms : now - ms).toISOString();
  }
  const instant = INSTANT.exec(value);
  if (instant) {
    const [year, month, date, hour, minute, second] = instant.slice(1, 7).map((part: string | undefined) => Number(part ?? 0)) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    if (!realDay(year, month, date) || hour > 23 || minute > 59 || second > 59) return null;
    const at = Date.parse(value);
    return Number.isNaN(at) ? null : new Date(at).toISOString();
  }
  return null;
}

/**
 * A commander option parser: the instant, or a usage error (exit 2) naming the
 * option and the accepted forms. An empty value stays empty (update clears a date with it).
 */
export function dateOption(flag: string, meaning: DateMeaning): (value: string) => string {
  return (value) => {
    if (value === '') return '';
    const parsed = parseDate(value, meaning);
    if (parsed === null) throw new InvalidArgumentError(`${flag} takes ${DATE_FORMS}`);
    return parsed;
  };
}

function realDay(year: number, month: number, date: number): boolean {
  const at = new Date(Date.UTC(year, month - 1, date));
  return at.getUTCFullYear() === year && at.getUTCMonth() === month - 1 && at.getUTCDate() === date;
}
