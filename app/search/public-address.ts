/**
 * The one rule for showing a location in public (DESIGN.md §4, §6): only the public point
 * and area label; never the name or street address of a confidential location. Search
 * results and listing pages both map locations through `publicLocation`.
 */
import type { PublicAddress, ResultLocation } from './types';

export interface PublicLocationRow {
  id: string;
  name: string | null;
  is_confidential: boolean;
  public_latitude: number | null;
  public_longitude: number | null;
  public_area_label: string | null;
  address_1: string | null;
  address_2: string | null;
  city: string | null;
  state_province: string | null;
  postal_code: string | null;
}

export function publicAddress(row: PublicLocationRow): PublicAddress | null {
  if (row.is_confidential || !row.address_1) return null;
  return {
    address1: row.address_1,
    address2: row.address_2,
    city: row.city ?? '',
    stateProvince: row.state_province ?? '',
    postalCode: row.postal_code ?? '',
  };
}

export function publicLocation(row: PublicLocationRow): ResultLocation {
  return {
    id: row.id,
    // A confidential location's own name can give it away ("… House on Elm St"): not shown.
    name: row.is_confidential ? null : row.name,
    isConfidential: row.is_confidential,
    latitude: row.public_latitude,
    longitude: row.public_longitude,
    areaLabel: row.public_area_label ?? null,
    address: publicAddress(row),
  };
}
