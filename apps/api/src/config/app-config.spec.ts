import { validateEnvironment } from './app-config';

describe('validateEnvironment', () => {
  it('gives every variable its default', () => {
    const config = validateEnvironment({});
    expect(config).toEqual(
      expect.objectContaining({ PORT: 3000, HOST: '127.0.0.1', RECERT_DATA_DIR: '.data', RECERT_BODY_LIMIT: 1_048_576, DB_POOL_SIZE: 16 }),
    );
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('converts numbers given as text', () => {
    expect(validateEnvironment({ PORT: '8080', RECERT_RATE_LIMIT: '10' })).toEqual(
      expect.objectContaining({ PORT: 8080, RECERT_RATE_LIMIT: 10 }),
    );
  });

  it('names each bad variable', () => {
    expect(() => validateEnvironment({ DATABASE_URL: 'mysql://x', PORT: 'eighty' })).toThrow(
      /DATABASE_URL[\s\S]*PORT|PORT[\s\S]*DATABASE_URL/,
    );
    expect(() => validateEnvironment({ RECERT_ADMIN_KEY: 'letmein' })).toThrow(/RECERT_ADMIN_KEY/);
  });
});
