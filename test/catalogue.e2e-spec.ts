import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_POLICY } from '@recert/sanitization';
import { TestApp } from './support/test-app';

describe('catalogue: the vocabularies the rules use, from the libraries themselves', () => {
  let t: TestApp;
  let key: string;

  beforeAll(async () => {
    t = await TestApp.start();
    key = (await t.newUser('auditor')).key;
  });
  afterAll(() => t.close());

  const get = async (path: string) => (await t.as(key).get(`/catalogue/${path}`).expect(200)).body;

  it('needs a key', async () => {
    await t.http.get('/catalogue/rubrics').expect(401);
  });

  it('publishes the sanitization policy with its id@version and the destruction methods per media type', async () => {
    const policy = await get('sanitization-policy');
    expect(policy.ref).toBe(`${DEFAULT_POLICY.id}@${DEFAULT_POLICY.version}`);
    expect(policy.rules).toContainEqual({
      mediaType: 'hdd',
      interface: 'sata',
      level: 'purge',
      methods: expect.arrayContaining(['degauss']),
    });
    const destruction = await get('destruction-methods');
    expect(destruction.byMediaType.ssd).toEqual(['shred', 'disintegrate', 'pulverize', 'incinerate']);
  });

  it('publishes test suites with checks and pass rules, rubrics with zones, defect codes and severities', async () => {
    const suites = await get('test-suites');
    const notebook = suites.items.find((s: { deviceClass: string }) => s.deviceClass === 'notebook');
    expect(notebook.ref).toBe(`${notebook.id}@${notebook.version}`);
    expect(notebook.checks).toContainEqual(
      expect.objectContaining({ name: 'storage_pending_sectors', rule: { kind: 'max', threshold: 0, unit: 'sectors' } }),
    );
    const rubrics = await get('rubrics');
    expect(rubrics.grades).toEqual(['A', 'B', 'C', 'D']);
    const rubric = rubrics.items.find((r: { deviceClasses: string[] }) => r.deviceClasses.includes('notebook'));
    expect(rubric.zones).toEqual(Object.keys(rubric.zoneWeights));
    expect(rubric.severities).toEqual([1, 2, 3, 4]);
    expect(rubric.defectCodes).toContain('scratch');
  });

  it('publishes lock kinds, part kinds, classes, states, capabilities and role permissions', async () => {
    expect((await get('lock-kinds')).items).toContain('bios_password');
    expect((await get('part-kinds')).items).toContain('battery');
    expect((await get('device-classes')).items).toContain('notebook');
    expect((await get('states')).items).toEqual(expect.arrayContaining(['received', 'processing', 'sold', 'sold.warrantyActive']));
    expect((await get('capabilities')).byEvent.SANITIZE).toBe('SANITIZE');
    const permissions = await get('event-permissions');
    expect(permissions.byRole.resale).toEqual(['LIST', 'UNLIST', 'SELL', 'RETURN_TO_OWNER']);
    expect(permissions.byRole.auditor).toEqual([]);
  });

  // The committed document (npm run openapi:check holds it to the build): descriptions come from the Swagger plugin.
  it('the event payloads in the OpenAPI document point to the catalogue', () => {
    const document = readFileSync(join(__dirname, '..', 'docs', 'openapi.json'), 'utf8');
    for (const route of ['lock-kinds', 'sanitization-policy', 'destruction-methods', 'test-suites', 'rubrics', 'part-kinds'])
      expect(document).toContain(`GET /catalogue/${route}`);
  });
});
