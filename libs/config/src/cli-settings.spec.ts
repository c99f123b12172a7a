import { ConfigError } from './config-error.js';
import { loadCliSettings } from './cli-settings.js';

it('defaults to no address, no token and the login file under ~/.config', () => {
  expect(loadCliSettings({}, '/home/ops')).toEqual({
    addr: null,
    token: null,
    cacert: null,
    loginFile: '/home/ops/.config/keyledger/credentials',
  });
});

it('reads KEYLEDGER_ADDR, KEYLEDGER_TOKEN, KEYLEDGER_CONFIG and XDG_CONFIG_HOME', () => {
  expect(
    loadCliSettings({ KEYLEDGER_ADDR: 'https://vault.example.com', KEYLEDGER_TOKEN: ' klt_x ', XDG_CONFIG_HOME: '/xdg' }, '/h'),
  ).toEqual({
    addr: 'https://vault.example.com',
    token: 'klt_x',
    cacert: null,
    loginFile: '/xdg/keyledger/credentials',
  });
  expect(loadCliSettings({ KEYLEDGER_CONFIG: '/etc/kl/creds', XDG_CONFIG_HOME: '/xdg' }, '/h').loginFile).toBe('/etc/kl/creds');
  expect(loadCliSettings({ KEYLEDGER_CACERT: ' /etc/kl/ca.pem ' }, '/h').cacert).toBe('/etc/kl/ca.pem');
});

it('refuses a KEYLEDGER_ADDR that is not an http(s) URL, without echoing it', () => {
  expect(() => loadCliSettings({ KEYLEDGER_ADDR: 'ftp://secret@host' })).toThrow(ConfigError);
  expect(() => loadCliSettings({ KEYLEDGER_ADDR: 'ftp://secret@host' })).toThrow(
    /^KEYLEDGER_ADDR is not a valid URL: expected http:\/\/ or https:\/\//,
  );
});
