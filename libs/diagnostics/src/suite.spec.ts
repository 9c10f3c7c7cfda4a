import { defaultSuiteFor, evaluateSuite, findSuite, suiteProblems, TestSuite } from './index';

const notebook = findSuite('notebook-standard@1') as TestSuite;
const healthy = [
  { check: 'battery_health_percent', value: 91 },
  { check: 'storage_reallocated_sectors', value: 0 },
  { check: 'storage_pending_sectors', value: 0 },
  ...['bios', 'memory', 'ports', 'display', 'keyboard', 'touchpad', 'wifi', 'audio'].map((check) => ({ check, value: true })),
];
const withValue = (check: string, value: number | boolean) => healthy.map((m) => (m.check === check ? { check, value } : m));

describe('test suites decide pass or fail', () => {
  it('passes a unit whose every measurement meets its rule', () => {
    expect(suiteProblems(notebook, healthy)).toBeNull();
    expect(evaluateSuite(notebook, healthy)).toMatchObject({ suite: 'notebook-standard@1', result: 'pass', failed: [] });
  });

  it('fails a battery below 80 % and says which rule', () => {
    const verdict = evaluateSuite(notebook, withValue('battery_health_percent', 79));
    expect(verdict.result).toBe('fail');
    expect(verdict.failed).toEqual(['battery_health_percent']);
    expect(verdict.checks.find((c) => c.check === 'battery_health_percent')).toEqual({
      check: 'battery_health_percent',
      value: 79,
      rule: '≥ 80 %',
      passed: false,
    });
  });

  it('fails a drive with a pending sector or more than 10 reallocated ones, and a failed boolean check', () => {
    expect(evaluateSuite(notebook, withValue('storage_pending_sectors', 1)).failed).toEqual(['storage_pending_sectors']);
    expect(evaluateSuite(notebook, withValue('storage_reallocated_sectors', 10)).result).toBe('pass');
    expect(evaluateSuite(notebook, withValue('storage_reallocated_sectors', 11)).failed).toEqual(['storage_reallocated_sectors']);
    expect(evaluateSuite(notebook, withValue('keyboard', false)).failed).toEqual(['keyboard']);
  });

  it('cannot judge measurements that miss a required check, name an unknown one, have the wrong type or repeat one', () => {
    const problems = suiteProblems(notebook, [
      ...healthy.filter((m) => m.check !== 'display'),
      { check: 'keyboard', value: true },
      { check: 'colour', value: true },
      { check: 'camera', value: 3 },
    ]);
    expect(problems).toEqual({ missing: ['display'], unknown: ['colour'], mistyped: ['camera'], duplicated: ['keyboard'] });
  });

  it('an optional check may be left out, and counts when measured', () => {
    expect(suiteProblems(notebook, healthy)).toBeNull();
    expect(evaluateSuite(notebook, [...healthy, { check: 'camera', value: false }]).failed).toEqual(['camera']);
  });

  it('has a default suite for every device class', () => {
    for (const deviceClass of ['notebook', 'desktop', 'workstation', 'tablet', 'server', 'monitor'])
      expect(defaultSuiteFor(deviceClass)?.deviceClass).toBe(deviceClass);
  });
});
