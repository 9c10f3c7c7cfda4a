import type { MediumProgress } from '@recert/lifecycle';
import type { ProgrammeTerms } from './programme-terms';

/** Why a rule refuses an event: a stable code and a sentence for people. */
export interface Reason {
  code: string;
  message: string;
  /** For a value outside a closed vocabulary: the field's path in the event, and the values allowed there. */
  field?: string;
  allowed?: readonly string[];
}

/** A storage medium of the unit, as intake recorded it. */
export interface MediumFacts {
  serial: string;
  mediaType: string;
  interface: string;
  capacityGb: number | null;
}

/** A programme at one version, and whether its OEM owns the brand of the unit it is asked about. */
export interface ProgrammeVersion {
  id: string;
  code: string;
  oemOrganisationId: string;
  version: number;
  terms: ProgrammeTerms;
  ownsBrand: boolean;
}

/** A part taken from a donor, which becomes a unit of its own. */
export interface HarvestedPart {
  kind: string;
  serial: string;
  model: string;
  mediaType?: string;
  interface?: string;
  /** A storage part: the donor's medium it takes over, with the progress of its sanitization. */
  medium?: MediumProgress;
}
