import { settingOf } from './settings.js';

describe('settingOf', () => {
  it('reads a setting under its own key before its aliases', () => {
    expect(settingOf('http_basic', { base_url: 'https://a.example.com' }, 'url')).toBe('https://a.example.com');
    expect(settingOf('http_basic', { url: 'https://b.example.com', base_url: 'https://a.example.com' }, 'url')).toBe(
      'https://b.example.com',
    );
    expect(settingOf('bearer_token', { api_url: 'https://api.github.com' }, 'url')).toBe('https://api.github.com');
  });

  it('reads a select alias as the option it stands for', () => {
    expect(settingOf('db_dsn', { driver: 'postgresql' }, 'driver')).toBe('postgres');
    expect(settingOf('db_dsn', { driver: 'mysql' }, 'driver')).toBe('mysql');
  });

  it('reads unknown types and names as they are stored', () => {
    expect(settingOf('nope', { a: 1 }, 'a')).toBe(1);
    expect(settingOf('custom', { region: 'eu' }, 'region')).toBe('eu');
    expect(settingOf('custom', {}, 'missing')).toBeUndefined();
  });
});
