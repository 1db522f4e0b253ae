/** Distances, "verified N days ago", clock times and age ranges (app/components/format.ts). */
import { defineMessages } from '../i18n';

export const formatMessages = defineMessages({
  en: {
    distanceMiles: '{distance} mi',
    distanceUnderTenth: 'Less than 0.1 mi',
    verifiedToday: 'Verified today',
    verifiedYesterday: 'Verified yesterday',
    verifiedDays: 'Verified {days} days ago',
    verifiedOverYear: 'Verified more than a year ago',
    am: 'AM',
    pm: 'PM',
    timeRange: '{opens} – {closes}',
    ages: 'Ages {min} to {max}',
    agesMin: 'Ages {min} and up',
    agesMax: 'Up to age {max}',
  },
  es: {
    distanceMiles: '{distance} mi',
    distanceUnderTenth: 'Menos de 0.1 mi',
    verifiedToday: 'Verificado hoy',
    verifiedYesterday: 'Verificado ayer',
    verifiedDays: 'Verificado hace {days} días',
    verifiedOverYear: 'Verificado hace más de un año',
    am: 'a. m.',
    pm: 'p. m.',
    timeRange: '{opens} – {closes}',
    ages: 'De {min} a {max} años',
    agesMin: 'Desde {min} años',
    agesMax: 'Hasta {max} años',
  },
});
