import { contractViolation } from './contract';

/** The contract check itself can fail: each kind of drift it is there to catch. */
describe('contractViolation', () => {
  const JSON_TYPE = 'application/json; charset=utf-8';
  const PROBLEM = 'application/problem+json';
  const problem = (status: number) => JSON.stringify({ type: 'https://recert.dev/problems/x', title: 'X', status });

  it('accepts a documented answer whose body matches its schema', () => {
    expect(contractViolation('GET', '/health/live', 200, JSON_TYPE, '{"status":"ok"}')).toBeUndefined();
    expect(contractViolation('GET', '/devices/:id', 404, PROBLEM, problem(404))).toBeUndefined();
  });

  it('reads nullable members as JSON Schema does', () => {
    const missing = {
      certificateId: 'x',
      exists: false,
      matchesAuditChain: false,
      outcome: null,
      methodType: null,
      method: null,
      mediaType: null,
      completedAt: null,
    };
    expect(contractViolation('GET', '/verify/:certificateId', 200, JSON_TYPE, JSON.stringify(missing))).toBeUndefined();
  });

  it('refuses a status the operation does not document', () => {
    expect(contractViolation('GET', '/health/live', 418, PROBLEM, problem(418))).toMatch(/checkLiveness answered 418/);
  });

  it('refuses an error that is not problem+json, and a problem without its required members', () => {
    expect(contractViolation('GET', '/devices/:id', 404, JSON_TYPE, problem(404))).toMatch(/an error in application\/json/);
    expect(contractViolation('GET', '/devices/:id', 404, PROBLEM, '{"message":"not found"}')).toMatch(/breaks the schema/);
  });

  it('refuses a body that breaks the schema, and a route the document does not have', () => {
    expect(contractViolation('POST', '/organisations', 201, JSON_TYPE, '{"id":42}')).toMatch(
      /createOrganisation 201: the body breaks the schema/,
    );
    expect(contractViolation('GET', '/undocumented', 200, JSON_TYPE, '{}')).toMatch(/not in the document/);
  });
});
