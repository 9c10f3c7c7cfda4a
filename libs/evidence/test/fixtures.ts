import type { ProgrammeVersion } from '../src/facts';
import type { ProgrammeTerms } from '../src/programme-terms';

/** The programme the evidence specs judge under: Lenovo's notebooks in DE (and what a spec changes of its terms). */
export function lenovoProgramme(terms: Partial<ProgrammeTerms> = {}): ProgrammeVersion {
  return {
    id: 'p1',
    code: 'lenovo-cr',
    oemOrganisationId: 'oem',
    version: 3,
    ownsBrand: true,
    terms: {
      name: 'Lenovo Certified Refurbished',
      brands: ['lenovo'],
      deviceClasses: ['notebook'],
      sanitization: { resale: 'purge', returnToOwner: 'clear' },
      testSuites: { notebook: 'notebook-standard@1' },
      rubric: 'notebook-cosmetic@1',
      certifiableGrades: ['A', 'B'],
      osLicenceRequired: false,
      markets: [{ market: 'DE', warrantyMonths: 12, extendableToMonths: 36, doaDays: 14 }],
      ...terms,
    },
  };
}
