/**
 * A grading rubric is versioned data: the same defects graded under the same rubric version always give the
 * same grades, so a disputed grade can be explained months later from what the unit's trail stored.
 */
export const INTERNAL_GRADES = ['A', 'B', 'C', 'D'] as const;
export type InternalGrade = (typeof INTERNAL_GRADES)[number];

export type Severity = 1 | 2 | 3 | 4;
export type Functional = 'passed' | 'failed' | 'untested';

export interface Defect {
  /** e.g. scratch, dent, crack, stain, missing-key, dead-pixel */
  code: string;
  /** e.g. lid, palmrest, display, keyboard, bezel, base, ports */
  zone: string;
  severity: Severity;
  /** Photo references kept with the grade as evidence. */
  photos?: string[];
}

export interface Rubric {
  id: string;
  version: number;
  /** The device classes the rubric is made for: its zones and defect codes exist on those kinds of unit. */
  deviceClasses: string[];
  /** Points a defect costs, by severity, before the zone's weight. */
  pointsBySeverity: Record<Severity, number>;
  /** The rubric's zones (its closed vocabulary of zones) and how much each counts (the display more than the base). */
  zoneWeights: Record<string, number>;
  /** The defect codes a grader may record under this rubric (closed: anything else is refused). */
  defectCodes: string[];
  /** The best grade for a point total: the first threshold the total does not exceed. */
  thresholds: Array<{ maxPoints: number; grade: InternalGrade }>;
  /** A defect of this severity caps the grade, wherever it is. */
  severityCaps: Partial<Record<Severity, InternalGrade>>;
  /** Caps for a zone from a severity up (e.g. any severity-3 defect on the display caps at C). */
  zoneCaps: Array<{ zone: string; minSeverity: Severity; cap: InternalGrade }>;
  /** R2v3 functional code by test outcome; `likeNew` when the unit passed and has no defect at all. */
  functionalCodes: Record<Functional | 'likeNew', string>;
  /** R2v3 cosmetic code by internal grade; `flawless` when there is no defect at all. */
  cosmeticCodes: Record<InternalGrade | 'flawless', string>;
  /** The programme's letter by internal grade; null = not sold under the programme. */
  programmeGrades: Record<InternalGrade, string | null>;
}

/**
 * Our default rubric (our design, from the field's practice in domain.md §4): severity-weighted points per
 * zone, a severity-4 defect caps the grade, R2v3 codes, and Premium / Excellent / Good letters for A / B / C.
 */
export const DEFAULT_NOTEBOOK_RUBRIC: Rubric = {
  id: 'notebook-cosmetic',
  version: 1,
  deviceClasses: ['notebook'],
  pointsBySeverity: { 1: 1, 2: 3, 3: 6, 4: 12 },
  zoneWeights: { display: 2, keyboard: 1.5, palmrest: 1.5, lid: 1, bezel: 1, base: 0.5, ports: 0.5 },
  defectCodes: [
    'scratch',
    'scuff',
    'dent',
    'crack',
    'chip',
    'stain',
    'discoloration',
    'pressure-mark',
    'dead-pixel',
    'backlight-bleed',
    'missing-key',
    'dead-key',
    'worn-key',
    'shine',
    'loose-hinge',
    'missing-foot',
    'missing-screw',
    'sticker-residue',
    'engraving',
  ],
  thresholds: [
    { maxPoints: 2, grade: 'A' },
    { maxPoints: 8, grade: 'B' },
    { maxPoints: 20, grade: 'C' },
    { maxPoints: Number.POSITIVE_INFINITY, grade: 'D' },
  ],
  severityCaps: { 4: 'C' },
  /** A display defect visible in use (severity 2 and up) keeps a notebook out of the top two grades. */
  zoneCaps: [{ zone: 'display', minSeverity: 2, cap: 'C' }],
  functionalCodes: { untested: 'F1', failed: 'F2', passed: 'F5', likeNew: 'F6' },
  cosmeticCodes: { flawless: 'C8', A: 'C7', B: 'C6', C: 'C4', D: 'C2' },
  programmeGrades: { A: 'Premium', B: 'Excellent', C: 'Good', D: null },
};

/**
 * The first rubric for devices without a keyboard and lid (desktops, workstations, servers). Kept so grades
 * recorded under it still judge; each class now has a rubric of its own (below), the default for the class.
 */
export const DEFAULT_CHASSIS_RUBRIC: Rubric = {
  ...DEFAULT_NOTEBOOK_RUBRIC,
  id: 'chassis-cosmetic',
  version: 1,
  deviceClasses: ['desktop', 'workstation', 'server'],
  zoneWeights: { front: 1.5, display: 2, top: 1, sides: 1, rear: 0.5, base: 0.5 },
  defectCodes: [
    'scratch',
    'scuff',
    'dent',
    'crack',
    'chip',
    'stain',
    'discoloration',
    'pressure-mark',
    'dead-pixel',
    'backlight-bleed',
    'missing-screw',
    'missing-cover',
    'bent-bracket',
    'sticker-residue',
    'engraving',
  ],
  zoneCaps: [{ zone: 'display', minSeverity: 3, cap: 'C' }],
};

/** What every rubric shares: points by severity, thresholds, the severity-4 cap and the R2v3 codes. */
const COMMON = {
  pointsBySeverity: DEFAULT_NOTEBOOK_RUBRIC.pointsBySeverity,
  thresholds: DEFAULT_NOTEBOOK_RUBRIC.thresholds,
  severityCaps: DEFAULT_NOTEBOOK_RUBRIC.severityCaps,
  functionalCodes: DEFAULT_NOTEBOOK_RUBRIC.functionalCodes,
  cosmeticCodes: DEFAULT_NOTEBOOK_RUBRIC.cosmeticCodes,
  programmeGrades: DEFAULT_NOTEBOOK_RUBRIC.programmeGrades,
} as const;
const CASE_DEFECTS = [
  'scratch',
  'scuff',
  'dent',
  'crack',
  'chip',
  'stain',
  'discoloration',
  'corrosion',
  'missing-screw',
  'sticker-residue',
  'engraving',
];

/** A desktop: the front panel shows most; its rear and base least. */
export const DESKTOP_RUBRIC: Rubric = {
  ...COMMON,
  id: 'desktop-cosmetic',
  version: 1,
  deviceClasses: ['desktop'],
  zoneWeights: { front: 1.5, top: 1, sides: 1, rear: 0.5, base: 0.5, ports: 0.5 },
  defectCodes: [...CASE_DEFECTS, 'missing-cover', 'broken-bezel', 'bent-bracket', 'missing-slot-cover', 'missing-foot'],
  zoneCaps: [],
};

/** A workstation: a desktop's zones, plus its carrying handles, which take the knocks. */
export const WORKSTATION_RUBRIC: Rubric = {
  ...COMMON,
  id: 'workstation-cosmetic',
  version: 1,
  deviceClasses: ['workstation'],
  zoneWeights: { front: 1.5, top: 1, sides: 1, handles: 1, rear: 0.5, base: 0.5, ports: 0.5 },
  defectCodes: [...CASE_DEFECTS, 'missing-cover', 'broken-bezel', 'bent-bracket', 'missing-slot-cover', 'missing-foot', 'broken-handle'],
  zoneCaps: [],
};

/** A rack server: the front bezel and drive bays are what a buyer sees; rails and ears must be straight to mount. */
export const SERVER_RUBRIC: Rubric = {
  ...COMMON,
  id: 'server-cosmetic',
  version: 1,
  deviceClasses: ['server'],
  zoneWeights: { 'front-bezel': 1.5, 'drive-bays': 1.5, 'top-cover': 1, sides: 0.5, rear: 0.5, 'rack-ears': 1, rails: 1, ports: 0.5 },
  defectCodes: [...CASE_DEFECTS, 'bent-ear', 'bent-rail', 'missing-drive-blank', 'missing-bezel', 'missing-rail', 'broken-latch'],
  /** A bent rack ear or rail keeps the server from mounting cleanly: C at best from severity 3. */
  zoneCaps: [
    { zone: 'rack-ears', minSeverity: 3, cap: 'C' },
    { zone: 'rails', minSeverity: 3, cap: 'C' },
  ],
};

/** A monitor: the panel is the product. */
export const MONITOR_RUBRIC: Rubric = {
  ...COMMON,
  id: 'monitor-cosmetic',
  version: 1,
  deviceClasses: ['monitor'],
  zoneWeights: { display: 2, bezel: 1, stand: 0.5, rear: 0.5, ports: 0.5 },
  defectCodes: [
    'scratch',
    'scuff',
    'dent',
    'crack',
    'chip',
    'stain',
    'pressure-mark',
    'dead-pixel',
    'stuck-pixel',
    'backlight-bleed',
    'burn-in',
    'loose-stand',
    'missing-foot',
    'sticker-residue',
  ],
  zoneCaps: [{ zone: 'display', minSeverity: 2, cap: 'C' }],
};

/** A tablet: the screen first, then the back and edges held in the hand. */
export const TABLET_RUBRIC: Rubric = {
  ...COMMON,
  id: 'tablet-cosmetic',
  version: 1,
  deviceClasses: ['tablet'],
  zoneWeights: { display: 2, back: 1, edges: 1, camera: 1, buttons: 0.5, ports: 0.5 },
  defectCodes: [
    'scratch',
    'scuff',
    'dent',
    'crack',
    'chip',
    'stain',
    'discoloration',
    'pressure-mark',
    'dead-pixel',
    'bent-frame',
    'lifted-glass',
    'stuck-button',
    'engraving',
  ],
  zoneCaps: [
    { zone: 'display', minSeverity: 2, cap: 'C' },
    { zone: 'camera', minSeverity: 3, cap: 'C' },
  ],
};

/** A harvested part: its body, and its connector, which must mate cleanly. */
export const PART_RUBRIC: Rubric = {
  ...COMMON,
  id: 'part-cosmetic',
  version: 1,
  deviceClasses: ['part'],
  zoneWeights: { body: 1, connector: 2, label: 0.5 },
  defectCodes: ['scratch', 'scuff', 'dent', 'crack', 'chip', 'corrosion', 'bent-pin', 'missing-label', 'sticker-residue'],
  /** A damaged connector from severity 2 on: C at best. */
  zoneCaps: [{ zone: 'connector', minSeverity: 2, cap: 'C' }],
};

export const RUBRICS: Rubric[] = [
  DEFAULT_NOTEBOOK_RUBRIC,
  DEFAULT_CHASSIS_RUBRIC,
  DESKTOP_RUBRIC,
  WORKSTATION_RUBRIC,
  SERVER_RUBRIC,
  MONITOR_RUBRIC,
  TABLET_RUBRIC,
  PART_RUBRIC,
];

/** The classes a programme can cover, each with its default rubric (its own, newest version). */
export const DEVICE_CLASSES = ['notebook', 'desktop', 'workstation', 'server', 'monitor', 'tablet', 'part'] as const;
const DEFAULT_RUBRICS: Record<(typeof DEVICE_CLASSES)[number], Rubric> = {
  notebook: DEFAULT_NOTEBOOK_RUBRIC,
  desktop: DESKTOP_RUBRIC,
  workstation: WORKSTATION_RUBRIC,
  server: SERVER_RUBRIC,
  monitor: MONITOR_RUBRIC,
  tablet: TABLET_RUBRIC,
  part: PART_RUBRIC,
};

/** The rubric's closed vocabularies: what a defect may name. */
export const zonesOf = (rubric: Rubric): string[] => Object.keys(rubric.zoneWeights);
export const severitiesOf = (rubric: Rubric): number[] => Object.keys(rubric.pointsBySeverity).map(Number);

export const rubricRef = (rubric: Pick<Rubric, 'id' | 'version'>) => `${rubric.id}@${rubric.version}`;
export const findRubric = (ref: string): Rubric | undefined => RUBRICS.find((r) => rubricRef(r) === ref);
/** The rubric a unit is graded under when its programme names none: its class's own (a notebook's for an unknown class). */
export const defaultRubricFor = (deviceClass: string): Rubric =>
  DEFAULT_RUBRICS[deviceClass as keyof typeof DEFAULT_RUBRICS] ?? DEFAULT_NOTEBOOK_RUBRIC;
/** The classes a rubric is made for, or undefined for a rubric the catalogue does not know. */
export const rubricClasses = (ref: string): string[] | undefined => findRubric(ref)?.deviceClasses;
