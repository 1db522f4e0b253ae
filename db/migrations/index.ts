/** The ordered list of migrations. Add new ones at the end; never edit a released one. */
import type { Migration } from 'kysely';
import * as createListings from './2026_11_22_0001_create_listings';
import * as havenTaxonomy from './2026_11_22_0002_haven_taxonomy';
import * as createAccounts from './2026_11_22_0003_create_accounts';
import * as searchSupport from './2026_11_22_0004_search_support';
import * as scheduleLinkIndex from './2026_11_22_0005_schedule_link_index';
import * as searchPoint from './2026_11_30_0006_search_point';
import * as searchPointOrder from './2026_11_30_0007_search_point_order';
import * as staffSide from './2026_12_01_0041_staff_side';
import * as importSource from './2026_12_01_0071_import_source';
import * as twoFactor from './2026_12_01_0101_two_factor';
import * as listingEditor from './2026_12_01_0111_listing_editor';
import * as correctionsFreshness from './2026_12_01_0121_corrections_freshness';
import * as referrals from './2026_12_01_0131_referrals';
import * as shortlists from './2026_12_01_0141_shortlists';
import * as keywordOrder from './2026_12_01_0171_keyword_order';
import * as taxonomyUuidV5 from './2026_12_01_0181_taxonomy_uuid_v5';
import * as searchPointCategory from './2026_12_01_0191_search_point_category';
import * as deferredSearchPoints from './2026_12_01_0201_deferred_search_points';

export const migrations: Record<string, Migration> = {
  '2026_11_22_0001_create_listings': createListings,
  '2026_11_22_0002_haven_taxonomy': havenTaxonomy,
  '2026_11_22_0003_create_accounts': createAccounts,
  '2026_11_22_0004_search_support': searchSupport,
  '2026_11_22_0005_schedule_link_index': scheduleLinkIndex,
  '2026_11_30_0006_search_point': searchPoint,
  '2026_11_30_0007_search_point_order': searchPointOrder,
  '2026_12_01_0041_staff_side': staffSide,
  '2026_12_01_0071_import_source': importSource,
  '2026_12_01_0101_two_factor': twoFactor,
  '2026_12_01_0111_listing_editor': listingEditor,
  '2026_12_01_0121_corrections_freshness': correctionsFreshness,
  '2026_12_01_0131_referrals': referrals,
  '2026_12_01_0141_shortlists': shortlists,
  '2026_12_01_0171_keyword_order': keywordOrder,
  '2026_12_01_0181_taxonomy_uuid_v5': taxonomyUuidV5,
  '2026_12_01_0191_search_point_category': searchPointCategory,
  '2026_12_01_0201_deferred_search_points': deferredSearchPoints,
};
