import { INTERNAL_GRADES } from '@recert/grading';
import { FILTERABLE_STATE_NAMES, storedStatesMatching } from '@recert/lifecycle';
import { assertKnownValues } from '../common/vocabulary';
import type { DeviceListFilter } from './device-list.query';
import type { DeviceFilterQuery } from './device.dto';
import { DEVICE_CLASSES } from './device.entity';

/** The query's filters as the SQL takes them; 422 naming every value outside the state, class or grade vocabulary. */
export function deviceFilterOf(query: DeviceFilterQuery): DeviceListFilter {
  assertKnownValues([
    { field: 'state', value: query.state, allowed: FILTERABLE_STATE_NAMES, catalogue: 'GET /catalogue/states' },
    { field: 'deviceClass', value: query.deviceClass, allowed: DEVICE_CLASSES, catalogue: 'GET /catalogue/device-classes' },
    { field: 'grade', value: query.grade, allowed: INTERNAL_GRADES, catalogue: 'GET /catalogue/rubrics' },
  ]);
  return {
    q: query.q,
    serial: query.serial,
    states: query.state === undefined ? undefined : storedStatesMatching(query.state),
    brand: query.brand,
    deviceClass: query.deviceClass,
    grade: query.grade,
    programmeId: query.programme,
    site: query.site,
    custodianId: query.custodian,
    market: query.market,
    takebackId: query.takeback,
    donorDeviceId: query.donor,
    createdFrom: query.createdFrom,
    createdTo: query.createdTo,
    updatedFrom: query.updatedFrom,
    updatedTo: query.updatedTo,
  };
}
