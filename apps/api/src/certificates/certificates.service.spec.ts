import { defaultPublicUrl } from './certificates.service';

describe('the verify URL without RECERT_PUBLIC_URL', () => {
  it('uses the host the service listens on, but never a wildcard address', () => {
    expect(defaultPublicUrl('127.0.0.1', 3000)).toBe('http://127.0.0.1:3000');
    expect(defaultPublicUrl('0.0.0.0', 8080)).toBe('http://localhost:8080');
    expect(defaultPublicUrl('::', 3000)).toBe('http://localhost:3000');
    expect(defaultPublicUrl('::1', 3000)).toBe('http://[::1]:3000');
  });
});
