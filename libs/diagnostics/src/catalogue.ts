import type { SuiteCheck, TestSuite } from './suite';

/*
 * Our default suites, one per device class (our design; thresholds from common refurbishers' practice:
 * a battery below 80 % of its design capacity is replaced, any pending sector or more than 10 reallocated
 * sectors fails the drive). A change to a suite is a new version; old verdicts keep the version they used.
 */
const bool = (name: string, description: string, required = true): SuiteCheck => ({
  name,
  description,
  required,
  rule: { kind: 'boolean' },
});
const STORAGE: SuiteCheck[] = [
  {
    name: 'storage_reallocated_sectors',
    description: 'SMART reallocated sector count (worst drive)',
    required: true,
    rule: { kind: 'max', threshold: 10, unit: 'sectors' },
  },
  {
    name: 'storage_pending_sectors',
    description: 'SMART current pending sector count (worst drive)',
    required: true,
    rule: { kind: 'max', threshold: 0, unit: 'sectors' },
  },
];
const BASICS = [
  bool('bios', 'firmware setup reachable, no POST errors, no supervisor password'),
  bool('memory', 'full memory test'),
  bool('ports', 'every external port'),
];

export const TEST_SUITES: TestSuite[] = [
  {
    id: 'notebook-standard',
    version: 1,
    deviceClass: 'notebook',
    checks: [
      {
        name: 'battery_health_percent',
        description: 'full-charge capacity against design capacity',
        required: true,
        rule: { kind: 'min', threshold: 80, unit: '%' },
      },
      ...STORAGE,
      ...BASICS,
      bool('display', 'no dead pixels, backlight even'),
      bool('keyboard', 'every key'),
      bool('touchpad', 'pointer and buttons'),
      bool('wifi', 'connects'),
      bool('audio', 'speakers and jack'),
      bool('camera', 'image', false),
    ],
  },
  { id: 'desktop-standard', version: 1, deviceClass: 'desktop', checks: [...STORAGE, ...BASICS, bool('network', 'wired link')] },
  {
    id: 'workstation-standard',
    version: 1,
    deviceClass: 'workstation',
    checks: [...STORAGE, ...BASICS, bool('network', 'wired link'), bool('gpu', 'GPU stress test')],
  },
  {
    id: 'tablet-standard',
    version: 1,
    deviceClass: 'tablet',
    checks: [
      {
        name: 'battery_health_percent',
        description: 'full-charge capacity against design capacity',
        required: true,
        rule: { kind: 'min', threshold: 80, unit: '%' },
      },
      bool('display', 'no dead pixels'),
      bool('touchscreen', 'every zone'),
      bool('ports', 'every external port'),
      bool('wifi', 'connects'),
      bool('camera', 'image'),
    ],
  },
  {
    id: 'server-standard',
    version: 1,
    deviceClass: 'server',
    checks: [
      ...STORAGE,
      ...BASICS,
      bool('bmc', 'management controller reachable, credentials reset'),
      bool('network', 'every NIC links'),
      bool('psu', 'every power supply'),
      bool('fans', 'every fan'),
      bool('raid_controller', 'controller and cache battery', false),
    ],
  },
  /** A harvested part (memory, drive, display panel…): a bench test and a visual check. */
  {
    id: 'part-standard',
    version: 1,
    deviceClass: 'part',
    checks: [bool('functional', 'bench test in a known-good host'), bool('visual', 'no physical damage')],
  },
  {
    id: 'monitor-standard',
    version: 1,
    deviceClass: 'monitor',
    checks: [bool('display', 'no dead pixels, even backlight'), bool('inputs', 'every video input'), bool('stand', 'tilt and height')],
  },
];

export const findSuite = (ref: string): TestSuite | undefined => TEST_SUITES.find((s) => `${s.id}@${s.version}` === ref);

/** The newest default suite for a device class. */
export const defaultSuiteFor = (deviceClass: string): TestSuite | undefined =>
  TEST_SUITES.filter((s) => s.deviceClass === deviceClass).sort((a, b) => b.version - a.version)[0];
