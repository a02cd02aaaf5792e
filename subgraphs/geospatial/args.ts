/**
 * Validation of geographic arguments: a bad value is a BAD_USER_INPUT naming the argument.
 * Coordinates outside the world are errors; coordinates outside Hengyang are valid questions
 * with empty answers.
 */
import { badUserInput } from '../../platform/errors';

/** Largest search radius of addressesNear: 50 km covers the city from its centre. */
export const MAX_RADIUS_METERS = 50_000;
/** Largest side of a parcelsWithin box, in degrees (the whole city spans about 1.5°). */
export const MAX_BOX_DEGREES = 2;

function assertRange(value: number, argument: string, min: number, max: number, what: string): number {
  if (!Number.isFinite(value) || value < min || value > max) {
    throw badUserInput(`Argument "${argument}" must be ${what} from ${min} to ${max}, got ${value}`, { argument });
  }
  return value;
}

export const assertLongitude = (value: number, argument = 'lon') => assertRange(value, argument, -180, 180, 'a WGS84 longitude in degrees');
export const assertLatitude = (value: number, argument = 'lat') => assertRange(value, argument, -90, 90, 'a WGS84 latitude in degrees');

export function assertRadius(value: number, argument = 'radiusMeters'): number {
  if (!Number.isFinite(value) || value <= 0 || value > MAX_RADIUS_METERS) {
    throw badUserInput(`Argument "${argument}" must be a distance in metres above 0 and at most ${MAX_RADIUS_METERS}, got ${value}`, { argument });
  }
  return value;
}

/** A GeoJSON-style bbox [minLon, minLat, maxLon, maxLat], not inverted, at most MAX_BOX_DEGREES a side. */
export function assertBbox(values: number[], argument = 'bbox'): [number, number, number, number] {
  if (values.length !== 4) {
    throw badUserInput(`Argument "${argument}" must be [minLon, minLat, maxLon, maxLat], got ${values.length} numbers`, { argument });
  }
  const [minLon, minLat, maxLon, maxLat] = values;
  for (const [v, name] of [
    [minLon, 'minLon'],
    [maxLon, 'maxLon'],
  ] as const)
    assertRange(v, argument, -180, 180, `a longitude (${name})`);
  for (const [v, name] of [
    [minLat, 'minLat'],
    [maxLat, 'maxLat'],
  ] as const)
    assertRange(v, argument, -90, 90, `a latitude (${name})`);
  if (minLon > maxLon || minLat > maxLat) {
    throw badUserInput(`Argument "${argument}" is inverted: expected [minLon, minLat, maxLon, maxLat] with min ≤ max, got ${JSON.stringify(values)}`, {
      argument,
    });
  }
  if (maxLon - minLon > MAX_BOX_DEGREES || maxLat - minLat > MAX_BOX_DEGREES) {
    throw badUserInput(`Argument "${argument}" is too large: at most ${MAX_BOX_DEGREES}° a side, got ${JSON.stringify(values)}`, { argument });
  }
  return [minLon, minLat, maxLon, maxLat];
}

/** 宗地代码: 6-digit division, 3-digit 地籍区, 3-digit 地籍子区, 2-letter 宗地特征码, 5-digit serial. */
export function assertParcelCode(value: string, argument = 'code'): string {
  const code = value.trim().toUpperCase();
  if (!/^\d{12}[GJZ][A-Z]\d{5}$/.test(code)) {
    throw badUserInput(
      `Argument "${argument}" must be a 19-character 宗地代码 (6-digit division, 3-digit 地籍区, 3-digit 地籍子区, 宗地特征码 such as GB, 5-digit serial), got ${JSON.stringify(value)}`,
      { argument },
    );
  }
  return code;
}
