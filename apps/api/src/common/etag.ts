/** A unit's strong ETag: its current lifecycle and that lifecycle's version (If-Match / If-None-Match). */
export const etagOf = (lifecycleId: string, version: number) => `"${lifecycleId}.${version}"`;
