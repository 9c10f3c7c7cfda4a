import { v7 } from 'uuid';

/** Any RFC 9562 UUID (the ids of every table, Idempotency-Key). */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: string): boolean => UUID_PATTERN.test(value);

/**
 * A new id for rows the service creates in bulk (units, lifecycles, media, takebacks, handoffs): UUIDv7 is
 * time-ordered, so each insert lands at the right edge of the primary key and of every index that leads with the
 * id (the trail's device and lifecycle indexes too), instead of at a random page that has to be read first.
 */
export const newId = (): string => v7();
