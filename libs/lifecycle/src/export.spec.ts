import { createMachine } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { initialContext, LifecycleInput } from './context';
import { machineSource } from './export';
import { unitMachine } from './machine';
import type { LifecycleEvent } from './events';

const events: LifecycleEvent[] = [
  { type: 'RECEIVE', site: 'D', sealIntact: true },
  { type: 'LOCK_CHECK', locks: [{ kind: 'mdm', status: 'locked' }] },
  { type: 'RELEASE_LOCK', kind: 'mdm', evidence: 'e' },
  { type: 'TEST_RESULT', suite: 's', result: 'fail' },
  { type: 'START_REPAIR', reason: 'r' },
  { type: 'HARVEST', parts: [{ kind: 'ram' }] },
];

describe('machine export', () => {
  it('prints createMachine({...}) whose config, re-created with our guards and actions, walks the same paths', () => {
    const source = machineSource();
    expect(source).toMatch(/^\/\/ unit-lifecycle@\d+/);
    const config = JSON.parse(source.slice(source.indexOf('createMachine(') + 'createMachine('.length, source.lastIndexOf(');')));
    const recreated = createMachine(
      { ...config, context: ({ input }: { input: LifecycleInput }) => initialContext(input) },
      unitMachine.implementations as never,
    );
    const walk = (machine: typeof unitMachine) =>
      getShortestPaths(machine, { input: { mediaSerials: [] }, events: events as never }).map((p) =>
        p.steps.map((s) => `${s.event.type}>${JSON.stringify(s.state.value)}`).join(' '),
      );
    expect(walk(recreated as unknown as typeof unitMachine).sort()).toEqual(walk(unitMachine).sort());
  });
});
