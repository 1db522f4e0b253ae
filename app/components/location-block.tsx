/** One location of a listing: the address, or "Confidential location" with its public area. */
import { ListingMap } from '~/components/listing-map';
import { listingMessages } from '~/i18n/messages/listing';
import { type Locale, translator } from '~/i18n/i18n';
import type { PublicLocation } from '~/listings/types';

export function LocationBlock({ location, locale }: { location: PublicLocation; locale: Locale }) {
  const t = translator(listingMessages, locale);
  return (
    <div className="location">
      {location.name ? (
        <p>
          <strong>{location.name}</strong>
        </p>
      ) : null}
      {location.isConfidential || !location.address ? (
        <>
          {location.isConfidential ? (
            <>
              <p>
                <strong>{t('confidential')}</strong>
              </p>
              <p className="muted">{t('confidentialHint')}</p>
            </>
          ) : null}
          {location.areaLabel ? <p>{t('area', { area: location.areaLabel })}</p> : null}
        </>
      ) : (
        <address>
          {location.address.address1}
          {location.address.address2 ? (
            <>
              <br />
              {location.address.address2}
            </>
          ) : null}
          <br />
          {location.address.city}, {location.address.stateProvince} {location.address.postalCode}
        </address>
      )}
      {location.transportation ? (
        <p>
          <strong>{t('transportation')}:</strong> {location.transportation}
        </p>
      ) : null}
      {location.accessibility.length > 0 ? (
        <p>
          <strong>{t('accessibility')}:</strong>{' '}
          {location.accessibility
            .map((item) => [item.description, item.details].filter(Boolean).join(': '))
            .filter(Boolean)
            .join('; ')}
        </p>
      ) : null}
    </div>
  );
}

/** A listing's locations: a heading, each location, and the small map (service and organization pages). */
export function LocationsSection({
  headingId,
  locations,
  label,
  tileUrl,
  tileAttribution,
  locale,
}: {
  headingId: string;
  locations: PublicLocation[];
  label: string;
  tileUrl: string | null;
  tileAttribution: string;
  locale: Locale;
}) {
  const t = translator(listingMessages, locale);
  return (
    <>
      <h2 id={headingId}>{locations.length > 1 ? t('locations') : t('location')}</h2>
      {locations.map((location) => (
        <LocationBlock key={location.id} location={location} locale={locale} />
      ))}
      <ListingMap
        locations={locations}
        label={label}
        tileUrl={tileUrl}
        tileAttribution={tileAttribution}
        locale={locale}
      />
    </>
  );
}
