/** A programme's version and what it covers: the units of a takeback it covers are pinned to it. */
export interface ProgrammeCoverage {
  id: string;
  version: number;
  brands: string[];
  deviceClasses: string[];
}
