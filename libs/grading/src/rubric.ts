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
  pointsBySeverity: { 1: 1, 2: 3, 3: 6, 4: 12 },
  zoneWeights: { display: 2, keyboard: 1.5, palmrest: 1.5, lid: 1, bezel: 1, base: 0.5, ports: 0.5 },
  defectCodes: ['scratch', 'scuff', 'dent', 'crack', 'chip', 'stain', 'discoloration', 'pressure-mark', 'dead-pixel', 'backlight-bleed', 'missing-key', 'dead-key', 'worn-key', 'shine', 'loose-hinge', 'missing-foot', 'missing-screw', 'sticker-residue', 'engraving'],
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

/** For devices without a keyboard and lid (desktops, servers, monitors): every zone weighs the same. */
export const DEFAULT_CHASSIS_RUBRIC: Rubric = {
  ...DEFAULT_NOTEBOOK_RUBRIC,
  id: 'chassis-cosmetic',
  version: 1,
  zoneWeights: { front: 1.5, display: 2, top: 1, sides: 1, rear: 0.5, base: 0.5 },
  defectCodes: ['scratch', 'scuff', 'dent', 'crack', 'chip', 'stain', 'discoloration', 'pressure-mark', 'dead-pixel', 'backlight-bleed', 'missing-screw', 'missing-cover', 'bent-bracket', 'sticker-residue', 'engraving'],
  zoneCaps: [{ zone: 'display', minSeverity: 3, cap: 'C' }],
};

export const RUBRICS: Rubric[] = [DEFAULT_NOTEBOOK_RUBRIC, DEFAULT_CHASSIS_RUBRIC];

/** The rubric's closed vocabularies: what a defect may name. */
export const zonesOf = (rubric: Rubric): string[] => Object.keys(rubric.zoneWeights);
export const severitiesOf = (rubric: Rubric): number[] => Object.keys(rubric.pointsBySeverity).map(Number);

export const rubricRef = (rubric: Pick<Rubric, 'id' | 'version'>) => `${rubric.id}@${rubric.version}`;
export const findRubric = (ref: string): Rubric | undefined => RUBRICS.find((r) => rubricRef(r) === ref);
/** The rubric a unit is graded under when its programme names none. */
export const defaultRubricFor = (deviceClass: string): Rubric =>
  deviceClass === 'notebook' || deviceClass === 'tablet' ? DEFAULT_NOTEBOOK_RUBRIC : DEFAULT_CHASSIS_RUBRIC;
