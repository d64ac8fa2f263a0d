import { DateTime } from 'luxon';

/**
 * A time zone luxon knows, else the fallback. Channels may report anything as the user's zone, and older
 * rows may hold one that is no longer valid; every room reads zones through this one check.
 */
export function knownTimeZone(zone: string | null | undefined, fallback: string): string {
  return zone && DateTime.now().setZone(zone).isValid ? zone : fallback;
}

/** The zone if luxon knows it, else undefined (for storing only what is valid). */
export function validTimeZone(zone: string | null | undefined): string | undefined {
  return zone && DateTime.now().setZone(zone).isValid ? zone : undefined;
}
