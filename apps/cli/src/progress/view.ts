// A progress display on stderr: a live bar on a terminal, a plain line every
// few seconds otherwise (logs, CI), so stdout stays free for data.
import cliProgress from 'cli-progress';
import { etaSeconds, formatCount, formatDuration, formatRate, RateMeter } from '#client';

export interface ProgressState {
  done: number;
  total: number | null;
  /** Shown after the numbers: "running", "reconnecting (2)"... */
  note?: string;
}

export interface ProgressView {
  update(state: ProgressState): void;
  stop(): void;
}

const PLAIN_INTERVAL_MS = 2000;

export function progressView(label: string, unit: string, stream: NodeJS.WriteStream = process.stderr): ProgressView {
  const meter = new RateMeter();
  const describe = ({ done, total, note }: ProgressState) => {
    meter.add(Date.now(), done);
    const rate = meter.perSecond();
    return {
      rate: `${formatRate(rate)}`,
      eta: formatDuration(etaSeconds(done, total, rate)),
      note: note ?? '',
      count: formatCount(done, total),
    };
  };
  return stream.isTTY ? barView(label, unit, stream, describe) : lineView(label, unit, stream, describe);
}

type Describe = (state: ProgressState) => { rate: string; eta: string; note: string; count: string };

function barView(label: string, unit: string, stream: NodeJS.WriteStream, describe: Describe): ProgressView {
  const bar = new cliProgress.SingleBar(
    { stream, hideCursor: true, format: `${label} [{bar}] {count} ${unit} | {rate} | ETA {etaText} {note}`, barsize: 30 },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(state) {
      const { rate, eta, note, count } = describe(state);
      const payload = { rate, etaText: eta, note, count };
      const total = state.total ?? Math.max(state.done, 1);
      if (!started) bar.start(total, state.done, payload);
      else bar.setTotal(total);
      started = true;
      bar.update(state.done, payload);
    },
    stop: () => started && bar.stop(),
  };
}

function lineView(label: string, unit: string, stream: NodeJS.WriteStream, describe: Describe): ProgressView {
  let printed = '';
  let printedAt = 0;
  let printedNote: string | undefined;
  let latest = '';
  const print = (line: string) => {
    stream.write(`${line}\n`);
    printed = line;
    printedAt = Date.now();
  };
  return {
    update(state) {
      const { rate, eta, note, count } = describe(state);
      latest = `${label}: ${count} ${unit}, ${rate}, ETA ${eta}${note ? ` ${note}` : ''}`;
      if (note !== printedNote || Date.now() - printedAt >= PLAIN_INTERVAL_MS) {
        printedNote = note;
        print(latest);
      }
    },
    stop: () => latest !== printed && print(latest),
  };
}
