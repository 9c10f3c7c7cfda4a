import { regionsOf, stateName } from '@recert/lifecycle';
import { newProgramme, programmeTerms, senderKey } from './support/evidence';
import { coveringPaths, EXPIRY_MARKET, ModelPath, SAMPLE_EVENTS, submissionOf } from './support/lifecycle-model';
import { isProblem, TestApp } from './support/test-app';
import { auditCount, newUnits, newWorkshop, Workshop } from './support/units';

/**
 * Model-based: paths generated from the machine with xstate/graph, replayed over HTTP on fresh units.
 * Together they reach every state and take every transition; at the end of each path, every sample event
 * the machine refuses there must get 409 and leave no audit entry.
 */
describe('lifecycle paths over HTTP', () => {
  let t: TestApp;
  let workshop: Workshop;
  const { paths, missedLeaves, missedTransitions } = coveringPaths();
  let units: string[];
  let programmeId: string;

  beforeAll(async () => {
    t = await TestApp.start();
    workshop = await newWorkshop(t);
    programmeId = (await newProgramme(t, ['Lenovo'], { markets: [...programmeTerms([]).markets, EXPIRY_MARKET] })).programmeId;
    units = (await newUnits(t, workshop, paths.length)).deviceIds;
  });
  afterAll(() => t.close());

  it('the generated paths cover every state and every transition of the machine', () => {
    expect(missedLeaves).toEqual([]);
    expect(missedTransitions).toEqual([]);
    expect(paths.length).toBeGreaterThan(10);
  });

  const replay = async (deviceId: string, path: ModelPath) => {
    const ctx = { programmeId, expires: path.events.some((e) => e.type === 'EXPIRE_WARRANTY'), unique: deviceId.slice(-12) };
    for (const [i, event] of path.events.entries()) {
      const response = await t.as(senderKey(workshop, event)).post(`/devices/${deviceId}/events`).send(submissionOf(event, ctx));
      expect({ step: i, event: event.type, status: response.status, state: response.body.state }).toEqual({
        step: i,
        event: event.type,
        status: 200,
        state: path.states[i],
      });
    }
  };

  it.each(paths.map((path, i) => [i, path.events.map((e) => e.type).join(' > '), path] as const))('path %i: %s', async (i, _name, path) => {
    const deviceId = units[i];
    await replay(deviceId, path);
    const device = await t.as(workshop.admin.key).get(`/devices/${deviceId}`).expect(200);
    const endedByRma = stateName(path.final) === 'rmaReturned';
    if (endedByRma) {
      // RECEIVE_RMA ends this lifecycle and opens the next one, already received.
      expect(device.body.lifecycle).toEqual(expect.objectContaining({ number: 2, state: 'received' }));
      return;
    }
    expect(device.body.lifecycle.state).toBe(stateName(path.final));
    expect(device.body.lifecycle.regions).toEqual(regionsOf(path.final));

    const before = await auditCount(t, deviceId);
    const refused = SAMPLE_EVENTS.filter((event) => !path.final.can(event));
    for (const event of refused) {
      const response = await t
        .as(workshop.admin.key)
        .post(`/devices/${deviceId}/events`)
        .send(submissionOf(event, { programmeId, expires: false, unique: deviceId.slice(-12) }));
      isProblem(response);
      if (event.type === 'CERTIFY' && stateName(path.final) === 'processing') {
        // Certification during processing is refused with every unmet rule, not as a bare transition error.
        expect({ event, status: response.status, type: response.body.type }).toEqual({
          event,
          status: 422,
          type: expect.stringMatching(/certification-refused$/),
        });
        continue;
      }
      expect({ event, status: response.status }).toEqual({ event, status: 409 });
      expect(response.body.allowedEvents).toEqual(device.body.lifecycle.allowedEvents);
    }
    expect(await auditCount(t, deviceId)).toBe(before);
  });

  it('every replayed unit still verifies: chain intact, replay equals the stored snapshot', async () => {
    for (const deviceId of units) {
      const verification = await t.as(workshop.admin.key).get(`/devices/${deviceId}/history/verify`).expect(200);
      expect(verification.body).toEqual(expect.objectContaining({ ok: true }));
    }
  });
});
