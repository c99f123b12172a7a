import { randomBytes } from 'node:crypto';
import { ConfigError } from './config-error.js';
import { loadConfig } from './load-config.js';
import { parseDuration, parseThresholds, thresholdLabel } from './notify-settings.js';

const base = { KEYLEDGER_MASTER_KEYS: `k1:${randomBytes(32).toString('base64')}` };

describe('expiry and webhook settings', () => {
  it('default to reminders 30d, 7d, 1d and on expiry, an hourly scan, and 10 tries from 30 s', () => {
    const { expiry, webhooks } = loadConfig(base);
    expect(expiry.reminders).toEqual([
      { label: '30d', seconds: 2_592_000 },
      { label: '7d', seconds: 604_800 },
      { label: '1d', seconds: 86_400 },
      { label: '0', seconds: 0 },
    ]);
    expect(expiry).toMatchObject({ scanIntervalMs: 3_600_000, refuseExpired: false });
    expect(webhooks).toEqual({ attempts: 10, backoffMs: 30_000, timeoutMs: 10_000 });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      ...base,
      KEYLEDGER_EXPIRY_REMINDERS: '1d, 48h,90m',
      KEYLEDGER_EXPIRY_SCAN_INTERVAL: '5m',
      KEYLEDGER_REFUSE_EXPIRED: 'TRUE',
      KEYLEDGER_WEBHOOK_ATTEMPTS: '3',
      KEYLEDGER_WEBHOOK_BACKOFF: '100ms',
      KEYLEDGER_WEBHOOK_TIMEOUT: '2s',
    });
    expect(config.expiry.reminders.map((t) => t.label)).toEqual(['2d', '1d', '90m', '0']);
    expect(config.expiry).toMatchObject({ scanIntervalMs: 300_000, refuseExpired: true });
    expect(config.webhooks).toEqual({ attempts: 3, backoffMs: 100, timeoutMs: 2000 });
  });

  it('always includes the expiry itself, once, and names a threshold by its largest whole unit', () => {
    expect(parseThresholds('7d,168h,0,0').map((t) => t.label)).toEqual(['7d', '0']);
    expect([0, 45, 120, 7200, 86_400 * 3].map(thresholdLabel)).toEqual(['0', '45s', '2m', '2h', '3d']);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('1.5h')).toBeUndefined();
  });

  it.each([
    ['KEYLEDGER_EXPIRY_REMINDERS', '30 days'],
    ['KEYLEDGER_EXPIRY_REMINDERS', '500ms'],
    ['KEYLEDGER_EXPIRY_REMINDERS', '400d'],
    ['KEYLEDGER_EXPIRY_REMINDERS', '1d,2d,3d,4d,5d,6d,7d,8d,9d,10d'],
    ['KEYLEDGER_EXPIRY_SCAN_INTERVAL', '10ms'],
    ['KEYLEDGER_EXPIRY_SCAN_INTERVAL', 'hourly'],
    ['KEYLEDGER_REFUSE_EXPIRED', 'yes'],
    ['KEYLEDGER_WEBHOOK_ATTEMPTS', '0'],
    ['KEYLEDGER_WEBHOOK_BACKOFF', '2h'],
    ['KEYLEDGER_WEBHOOK_TIMEOUT', '5m'],
  ])('rejects a bad %s (%s) with one line naming it', (name, value) => {
    expect(() => loadConfig({ ...base, [name]: value })).toThrow(ConfigError);
    try {
      loadConfig({ ...base, [name]: value });
    } catch (error) {
      expect((error as Error).message.startsWith(`${name} `)).toBe(true);
    }
  });
});
