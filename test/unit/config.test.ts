import { DEV_AUTH_SECRET, durationSeconds, loadConfig } from '../../shared/runtime/config';

describe('configuration', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('R-INTEGRATE-2 refuses to serve beyond loopback with the built-in dev secret', () => {
    process.env.HOST = '0.0.0.0';
    delete process.env.AUTH_SECRET;
    expect(() => loadConfig()).toThrow('AUTH_SECRET must be set to serve on 0.0.0.0');
    process.env.AUTH_SECRET = 'a-real-secret-from-the-vault';
    expect(loadConfig()).toMatchObject({ httpHost: '0.0.0.0' });
    process.env.HOST = '127.0.0.1';
    process.env.AUTH_SECRET = DEV_AUTH_SECRET;
    expect(loadConfig().httpHost).toBe('127.0.0.1');
  });

  it('R-INTEGRATE-2 token lifetimes are durations; anything else is refused with the variable named', () => {
    expect(durationSeconds('X', '12h')).toBe(43_200);
    expect(durationSeconds('X', '30d')).toBe(2_592_000);
    expect(() => durationSeconds('STAFF_TOKEN_MAX_TTL', 'forever')).toThrow(
      "STAFF_TOKEN_MAX_TTL must be a duration like 12h or 30d, got 'forever'",
    );
  });
});
