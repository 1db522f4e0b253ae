/** Miles and kilometres: the page speaks miles (US visitors), the database and the API km. */
export const KM_PER_MILE = 1.609344;

export function kmToMiles(km: number): number {
  return km / KM_PER_MILE;
}
