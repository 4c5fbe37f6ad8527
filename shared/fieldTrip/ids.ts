/** Business keys of a field trip (sandbox-safe). */
export const FIELD_TRIP_PREFIX = 'field-trip:';
export const tripWorkflowId = (tripId: string): string => `${FIELD_TRIP_PREFIX}${tripId}`;
/** TRIP-YYYYMMDD-XXXXXX: the planned start day and a random suffix. */
export const TRIP_ID_PATTERN = /^TRIP-\d{8}-[A-Z0-9]{4,8}$/;

/** An engineer's van: the stock location of what they carry (R-PARTS-2). */
export const vanOf = (engineerId: string): string => `VAN-${engineerId}`;

/** The stock locations a trip moves parts between (R-PARTS-2). */
export const locations = (t: { tripId: string; engineerId: string; warehouseId: string }) => ({
  warehouse: t.warehouseId,
  reserved: `RESERVED-${t.tripId}`,
  van: vanOf(t.engineerId),
  quality: 'QUALITY',
  consumed: 'CONSUMED',
  writtenOff: 'WRITTEN-OFF',
  customer: 'CUSTOMER',
});
export type TripLocations = ReturnType<typeof locations>;
