import { describeDatabase } from './reachability';

describe('describeDatabase', () => {
  it('names host, port, database and user, never the password', () => {
    expect(describeDatabase('postgres://recert:s3cret@db.example:6543/recert')).toBe('db.example:6543/recert as recert');
  });
  it('the default port and user when the URL has none', () => {
    expect(describeDatabase('postgres://db.example/recert')).toBe('db.example:5432/recert as (default user)');
  });
  it('an unparseable URL is said to be one', () => {
    expect(describeDatabase('not a url')).toBe('an unparseable URL');
  });
});
