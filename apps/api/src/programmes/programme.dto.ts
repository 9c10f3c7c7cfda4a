import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { EachObject } from '../common/validation';
import { INTERNAL_GRADES } from '@recert/grading';
import { DEVICE_CLASSES } from '../devices/device.entity';

const lowerAll = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v)) : value;
const REF = /^[a-z0-9][a-z0-9-]{0,62}@[1-9][0-9]{0,5}$/;

export class MarketTermsDto {
  /** @example "DE" */
  @Matches(/^[A-Z]{2}$/, { message: 'market must be an ISO 3166-1 alpha-2 code' })
  market: string;

  /** Standard warranty from the sale. @example 12 */
  @IsInt()
  @Min(0)
  @Max(120)
  warrantyMonths: number;

  /** The longest warranty a buyer may purchase. @example 36 */
  @IsInt()
  @Min(0)
  @Max(120)
  extendableToMonths: number;

  /** Dead-on-arrival window from the sale. @example 30 */
  @IsInt()
  @Min(0)
  @Max(365)
  doaDays: number;
}

export class SanitizationRequirementDto {
  /** Leaving the owner's control: at least purge. */
  @IsIn(['purge', 'destroy'])
  resale: 'purge' | 'destroy';

  @IsIn(['clear', 'purge', 'destroy'])
  returnToOwner: 'clear' | 'purge' | 'destroy';
}

export class DisplacementRateDto {
  /** @example "FR" */
  @Matches(/^[A-Z]{2}$/, { message: 'market must be an ISO 3166-1 alpha-2 code' })
  market: string;

  /** Share of the displaced new unit's embodied footprint a sale in this market avoids. @example 0.8 */
  @IsNumber({ maxDecimalPlaces: 3 })
  @Min(0)
  @Max(1)
  rate: number;
}

export class ProgrammeCarbonTermsDto {
  /** @example "oem" */
  @IsIn(['oem', 'partner', 'customer'])
  claimant: 'oem' | 'partner' | 'customer';

  @IsOptional()
  @EachObject()
  @ValidateNested({ each: true })
  @Type(() => DisplacementRateDto)
  @ArrayMaxSize(250)
  displacementRates?: DisplacementRateDto[];
}

export class ProgrammeTermsDto {
  /** @example "Lenovo Certified Refurbished" */
  @IsString()
  @Length(1, 200)
  name: string;

  /** Brands of the OEM the programme certifies. @example ["lenovo"] */
  @Transform(lowerAll)
  @IsString({ each: true })
  @Length(1, 64, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  brands: string[];

  /** @example ["notebook", "desktop"] */
  @IsIn(DEVICE_CLASSES, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(DEVICE_CLASSES.length)
  deviceClasses: string[];

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => SanitizationRequirementDto)
  sanitization: SanitizationRequirementDto;

  /** Test suite (id@version) per device class. @example {"notebook": "notebook-standard@1"} */
  @IsObject()
  testSuites: Record<string, string>;

  /** Grading rubric (id@version). @example "notebook-cosmetic@1" */
  @Matches(REF, { message: 'rubric must be id@version' })
  rubric: string;

  /** A rubric (id@version) per device class where it differs from `rubric`; each must be made for its class. @example {"server": "server-cosmetic@1"} */
  @IsOptional()
  @IsObject()
  rubrics?: Record<string, string>;

  /** Internal grades that may be certified. @example ["A", "B", "C"] */
  @IsIn(INTERNAL_GRADES, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  certifiableGrades: string[];

  /** Whether an OS licence must be recorded (with the test) before certification. */
  @IsBoolean()
  osLicenceRequired: boolean;

  @EachObject()
  @ValidateNested({ each: true })
  @Type(() => MarketTermsDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(250)
  markets: MarketTermsDto[];

  /** Who claims avoided emissions (default oem) and the displacement rate per market (default 1.0). */
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ProgrammeCarbonTermsDto)
  carbon?: ProgrammeCarbonTermsDto;
}

export class CreateProgrammeDto extends ProgrammeTermsDto {
  /** Unique within the OEM. @example "lenovo-certified-refurbished" */
  @Matches(/^[a-z0-9][a-z0-9-]{0,99}$/, { message: 'code must be lower-case letters, digits and dashes' })
  code: string;
}

export class ProgrammeVersionDto extends ProgrammeTermsDto {
  version: number;
  createdByUserId: string;
  createdAt: string;
}

export class ProgrammeDto {
  id: string;
  oemOrganisationId: string;
  code: string;
  /** The version in force (the latest). */
  current: ProgrammeVersionDto;
  versions: ProgrammeVersionDto[];
}

export class ProgrammePageDto {
  items: ProgrammeDto[];
  nextCursor: string | null;
}
