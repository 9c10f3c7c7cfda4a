import fc from 'fast-check';
import { isProblem, TestApp } from './support/test-app';
import { newUnits, newWorkshop } from './support/units';

/**
 * A fuzzer driven by the OpenAPI document: every operation gets requests built from its schema and then
 * broken (wrong types, boundaries, unicode and NUL, deep nesting, long arrays within the body limit, odd
 * content types, duplicate keys, __proto__). Whatever arrives, the answer is < 500, every error is
 * problem+json, and the process is alive at the end. Seeded: FUZZ_SEED reproduces a run, FUZZ_RUNS sets
 * its length (`npm run fuzz:long` for a longer one).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);

type Schema = {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  minItems?: number;
  format?: string;
  additionalProperties?: unknown;
};
type Parameter = { name: string; in: 'path' | 'query' | 'header'; schema?: Schema };
type Operation = { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema?: Schema }> } };
type Document = { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };

/** Values that have broken services before. */
const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udc00x',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  '\u202e\u0301',
  '%00',
  '../../etc/passwd',
  "' OR 1=1 --",
  '${jndi:x}',
  '__proto__',
  'constructor',
  'x'.repeat(5000),
];
const hostileValue = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constantFrom<unknown>(null, true, false, 0, -1, 1e308, -1e308, 2 ** 53 + 1, 0.1, [], {}, [[]], [{}], [null], {
      __proto__: { admin: true },
    }),
    fc.constantFrom(...HOSTILE_STRINGS),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.integer({ min: 1, max: 40 }).map((depth) => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`)),
    fc.integer({ min: 0, max: 60 }).map((depth) => JSON.parse(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`)),
    fc.integer({ min: 1, max: 5000 }).map((n) => Array.from({ length: n }, () => ({}))),
  );

function arbitraryOf(schema: Schema | undefined, doc: Document, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return fc.constant({});
  if (schema.$ref) return arbitraryOf(doc.components?.schemas?.[schema.$ref.split('/').pop()!], doc, depth + 1);
  const choices = schema.oneOf ?? schema.anyOf;
  if (choices?.length) return fc.oneof(...choices.map((s) => arbitraryOf(s, doc, depth + 1)));
  if (schema.allOf?.length) return arbitraryOf(schema.allOf[0], doc, depth + 1);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'string':
      if (schema.format === 'uuid') return fc.uuid();
      if (schema.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
      return fc.oneof(
        fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 20, 60) }),
        // Boundaries: exactly the maximum, one past it.
        fc.constant('x'.repeat(schema.maxLength ?? 1)),
        fc.constant('x'.repeat((schema.maxLength ?? 1) + 1)),
      );
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? -1e6;
      const max = schema.maximum ?? 1e6;
      return fc.oneof(
        fc.integer({ min: Math.ceil(min), max: Math.floor(max) }),
        fc.constantFrom(min, max, min - 1, max + 1),
        fc.double({ noNaN: true }),
      );
    }
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(arbitraryOf(schema.items, doc, depth + 1), { maxLength: Math.min(schema.maxItems ?? 3, 3) });
    case 'object':
    default: {
      const properties = Object.entries(schema.properties ?? {});
      if (properties.length === 0) return fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 });
      const required = new Set(schema.required ?? []);
      return fc.record(Object.fromEntries(properties.map(([name, s]) => [name, arbitraryOf(s, doc, depth + 1)])), {
        requiredKeys: properties.map(([name]) => name).filter((name) => required.has(name)),
      });
    }
  }
}

/** Replaces one node (chosen by a path of indices) of a well-formed value with a hostile one, or adds a key. */
function mutate(value: unknown, picks: number[], replacement: unknown, extraKey: string): unknown {
  if (picks.length === 0 || value === null || typeof value !== 'object') return replacement;
  const [pick, ...rest] = picks;
  if (Array.isArray(value)) {
    if (value.length === 0) return [replacement];
    const copy = [...value];
    copy[pick % copy.length] = mutate(copy[pick % copy.length], rest, replacement, extraKey);
    return copy;
  }
  const keys = Object.keys(value);
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  if (keys.length === 0 || pick % 7 === 0) {
    copy[extraKey] = replacement;
    return copy;
  }
  const key = keys[pick % keys.length];
  copy[key] = mutate(copy[key], rest, replacement, extraKey);
  return copy;
}

interface FuzzRequest {
  path: Record<string, string>;
  query: Record<string, string>;
  contentType: string | undefined;
  body: string | undefined;
  key: 'admin' | 'technician' | 'none' | 'bogus';
}

const ODD_CONTENT_TYPES = [
  'text/csv',
  'text/plain',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-16',
  'application/JSON',
  '*/*',
  '',
];

describe('OpenAPI-driven fuzzing', () => {
  let t: TestApp;
  let doc: Document;
  const real: Record<string, string> = {};
  let technicianKey: string;

  beforeAll(async () => {
    t = await TestApp.start({ RECERT_RATE_LIMIT: '100000000', RECERT_AUTH_FAILURE_LIMIT: '100000000' });
    doc = (await t.http.get('/docs-json').expect(200)).body as Document;
    const workshop = await newWorkshop(t);
    const { deviceIds, takebackId } = await newUnits(t, workshop, 1);
    real.device = deviceIds[0];
    real.takeback = takebackId;
    technicianKey = workshop.technician.key;
  });
  afterAll(() => t.close());

  const pathValue = (): fc.Arbitrary<string> =>
    fc.oneof(
      fc.uuid(),
      fc.constantFrom(
        real.device ?? '',
        real.takeback ?? '',
        'not-a-uuid',
        '0',
        '%00',
        '%ED%A0%80',
        '..',
        'a'.repeat(101),
        '%2F',
        '%E2%80%AE',
      ),
      fc.string({ maxLength: 30 }).map(encode),
    );

  const queryValue = (schema: Schema | undefined, d: Document) =>
    fc.oneof(
      arbitraryOf(schema, d).map((v) => (typeof v === 'string' ? v : JSON.stringify(v))),
      fc.constantFrom(...HOSTILE_STRINGS),
      fc.constantFrom('-1', '0', '1e9', '201', 'NaN', '[]', 'true'),
    );

  // Every documented operation, RUNS inputs each: the list grows with the API, so the test has a budget of its own.
  it('never answers 5xx or a non-problem error, for any operation', async () => {
    const failures: string[] = [];
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ path, method, op })),
    );
    expect(operations.length).toBeGreaterThanOrEqual(39);
    let requests = 0;

    for (const { path, method, op } of operations) {
      const params = op.parameters ?? [];
      const jsonSchema = op.requestBody?.content?.['application/json']?.schema;
      const bodyArbitrary = fc.oneof(
        {
          weight: 2,
          arbitrary: fc
            .tuple(
              arbitraryOf(jsonSchema, doc),
              fc.array(fc.nat(), { maxLength: 4 }),
              hostileValue(),
              fc.constantFrom('extra', '__proto__', 'constructor', 'type', ''),
            )
            .map(([v, picks, h, k]) => JSON.stringify(mutate(v, picks, h, k))),
        },
        { weight: 1, arbitrary: arbitraryOf(jsonSchema, doc).map((v) => JSON.stringify(v)) },
        // Duplicate keys, __proto__ and broken JSON as raw text.
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            '{"type":"RECEIVE","type":"GRADE"}',
            '{"__proto__":{"x":1}}',
            '{"constructor":{"prototype":{"x":1}}}',
            '{',
            '[]',
            'null',
            '"x"',
            '1',
            '{"a":"\\u0000"}',
            '{"a":"\\ud800"}',
            `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`,
          ),
        },
      );
      const requestArbitrary: fc.Arbitrary<FuzzRequest> = fc.record({
        path: fc.record(Object.fromEntries(params.filter((p) => p.in === 'path').map((p) => [p.name, pathValue()]))) as fc.Arbitrary<
          Record<string, string>
        >,
        query: fc.record(Object.fromEntries(params.filter((p) => p.in === 'query').map((p) => [p.name, queryValue(p.schema, doc)])), {
          requiredKeys: [],
        }) as fc.Arbitrary<Record<string, string>>,
        contentType: fc.oneof(
          { weight: 4, arbitrary: fc.constant('application/json') },
          { weight: 1, arbitrary: fc.constantFrom<string | undefined>(...ODD_CONTENT_TYPES, undefined) },
        ),
        body: method === 'get' ? fc.constant(undefined) : fc.option(bodyArbitrary, { nil: undefined, freq: 8 }),
        key: fc.constantFrom('admin', 'admin', 'admin', 'technician', 'none', 'bogus'),
      });

      await fc
        .assert(
          fc.asyncProperty(requestArbitrary, async (input) => {
            requests++;
            const url = path.replace(/\{(\w+)\}/g, (_, name: string) => input.path[name] ?? 'x') + toQuery(input.query);
            let test = (t.http as unknown as Record<string, (u: string) => import('supertest').Test>)[method](url);
            const key = { admin: t.adminKey, technician: technicianKey, none: undefined, bogus: 'rct_bogusbogusbogusbogusbogus00' }[
              input.key
            ];
            if (key) test = test.set('authorization', `Bearer ${key}`);
            if (input.body !== undefined) {
              if (input.contentType !== undefined) test = test.set('content-type', input.contentType);
              test = test.send(Buffer.from(input.body));
            }
            const response = await test.catch(
              (error: Error) =>
                ({ status: 599, headers: {}, text: `no answer: ${error.message}` }) as unknown as import('supertest').Response,
            );
            const broken =
              response.status >= 500 ||
              (response.status >= 400 && !/^application\/problem\+json/.test(String(response.headers['content-type'])));
            if (broken)
              failures.push(
                `${method.toUpperCase()} ${url} ${input.contentType ?? ''} ${String(input.body).slice(0, 200)} → ${response.status} ${response.text.slice(0, 200)}`,
              );
            return !broken;
          }),
          { seed: SEED, numRuns: RUNS, endOnFailure: true },
        )
        .catch((error: Error) => failures.push(`${method.toUpperCase()} ${path}: ${error.message.split('\n')[0]}`));
    }
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(operations.length * 5);
    // The process is alive and still answers.
    isProblem(await t.http.get('/no-such-route'));
    await t.http.get('/health/live').expect(200);
    await t.as(t.adminKey).get('/me').expect(200);
    // ~1,600 requests, each answer also checked against the OpenAPI document (support/contract.ts): on a busy
    // 2-core machine that takes longer than jest's default minute.
  }, 240_000);
});

/** encodeURIComponent, except that a lone surrogate (which it refuses) goes out as its WTF-8 bytes. */
function encode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return [...text].map((c) => (/[\ud800-\udfff]/.test(c) ? '%ED%A0%80' : encodeURIComponent(c))).join('');
  }
}

function toQuery(query: Record<string, string>): string {
  const entries = Object.entries(query);
  return entries.length ? `?${entries.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&')}` : '';
}
