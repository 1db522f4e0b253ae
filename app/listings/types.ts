/**
 * What the public service and organization pages receive. Plain serializable DTOs: a
 * confidential location never carries its address, exact coordinates or directions here —
 * only its public point (an area centroid) and the public area label (DESIGN.md §4, §6).
 */
import type { DeliveryMode } from '../../db/types';
import type { WeeklyHours } from '../search/hours';
import type { PublicAddress, ResultLocation } from '../search/types';

export type { PublicAddress };

/** A result location (public point, area label, address only when not confidential) plus page details. */
export interface PublicLocation extends ResultLocation {
  /** How to get there; null for a confidential location. */
  transportation: string | null;
  accessibility: Array<{ description: string | null; details: string | null }>;
}

export interface PublicPhone {
  number: string;
  extension: string | null;
  type: string | null;
  description: string | null;
}

export interface Term {
  slug: string;
  name: string;
}

export interface ServiceDetail {
  id: string;
  name: string;
  alternateName: string | null;
  description: string;
  url: string | null;
  email: string | null;
  alert: string | null;
  applicationProcess: string | null;
  eligibility: string | null;
  minimumAge: number | null;
  maximumAge: number | null;
  feesDescription: string | null;
  costOptions: Array<{
    option: string | null;
    amount: string | null;
    currency: string | null;
    description: string | null;
  }>;
  requiredDocuments: string[];
  interpretationServices: string | null;
  waitTime: string | null;
  delivery: DeliveryMode[];
  lastVerifiedAt: string | null;
  categories: Term[];
  populations: Term[];
  costKinds: Term[];
  languages: Array<{ code: string | null; name: string | null; note: string | null }>;
  phones: PublicPhone[];
  locations: PublicLocation[];
  serviceAreas: Array<{
    name: string | null;
    description: string | null;
    coverage: string | null;
    states: string[];
  }>;
  /** Hours of the shown location (the same rule as the result card's). */
  hours: WeeklyHours;
  organization: { id: string; name: string; website: string | null; email: string | null; isSample: boolean };
}

export interface OrganizationDetail {
  id: string;
  name: string;
  alternateName: string | null;
  description: string;
  website: string | null;
  email: string | null;
  isSample: boolean;
  verifiedAt: string | null;
  phones: PublicPhone[];
  locations: PublicLocation[];
  services: Array<{
    id: string;
    name: string;
    summary: string;
    categories: Term[];
    delivery: DeliveryMode[];
  }>;
}
