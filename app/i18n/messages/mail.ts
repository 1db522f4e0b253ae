/** Every email Haven sends, in English and Spanish: `<kind>Subject` and `<kind>Body`. */
import { defineMessages } from '../i18n';

export const mailMessages = defineMessages({
  en: {
    confirmEmailSubject: 'Confirm your email for {siteName}',
    confirmEmailBody:
      'Hello {name},\n\nThank you for asking to list {organization} on {siteName}. Please confirm your email address by opening this link within 24 hours:\n\n{link}\n\nAn administrator will review your request. If you did not ask for this, ignore this message.',
    passwordResetSubject: 'Reset your {siteName} password',
    passwordResetBody:
      'Hello,\n\nSomeone (we hope you) asked to reset the password of your {siteName} staff account. Open this link within 30 minutes to choose a new password; it works once:\n\n{link}\n\nIf you did not ask for this, ignore this message: your password stays the same.',
    invitationSubject: 'You are invited to {organization} on {siteName}',
    invitationBody:
      'Hello,\n\n{inviter} invited you to join {organization} on {siteName} as {role}. Open this link within 7 days to set your password:\n\n{link}\n\nIf you did not expect this, ignore this message.',
    verifiedSubject: '{organization} is now verified on {siteName}',
    verifiedBody:
      'Hello,\n\n{organization} is now verified. Its active services are public on {siteName}. Sign in to keep them up to date:\n\n{link}',
    rejectedSubject: 'Your request to list {organization} on {siteName}',
    rejectedBody:
      'Hello,\n\nWe could not verify {organization} for {siteName}. The reason given by the reviewer:\n\n{reason}\n\nYou may reply to your coalition contact or apply again with more information.',
    infoRequestedSubject: 'More information needed for {organization} on {siteName}',
    infoRequestedBody:
      'Hello,\n\nTo verify {organization}, the reviewer needs more information:\n\n{reason}\n\nPlease sign in and reply, or contact your coalition:\n\n{link}',
    staleDigestSubject: '{count} listings to confirm on {siteName}',
    staleDigestBody:
      'Hello,\n\nPeople rely on {siteName} to be right before they travel or call. These listings of yours have not been confirmed in the last {months} months:\n\n{listings}\n\nOpen each link, check the details, and press "Confirm this listing is still accurate" (or correct what changed). Signing in:\n\n{link}\n\nYou receive this at most once a month while listings need confirming.',
    roleAdmin: 'site administrator',
    roleOwner: 'owner',
    roleEditor: 'editor',
    roleCaseworker: 'caseworker',
  },
  es: {
    confirmEmailSubject: 'Confirme su correo para {siteName}',
    confirmEmailBody:
      'Hola, {name}:\n\nGracias por pedir que {organization} aparezca en {siteName}. Confirme su correo electrónico abriendo este enlace en las próximas 24 horas:\n\n{link}\n\nUn administrador revisará su solicitud. Si usted no lo pidió, ignore este mensaje.',
    passwordResetSubject: 'Restablezca su contraseña de {siteName}',
    passwordResetBody:
      'Hola:\n\nAlguien (esperamos que usted) pidió restablecer la contraseña de su cuenta de personal de {siteName}. Abra este enlace en los próximos 30 minutos para elegir una nueva contraseña; sirve una sola vez:\n\n{link}\n\nSi usted no lo pidió, ignore este mensaje: su contraseña no cambia.',
    invitationSubject: 'Le invitan a {organization} en {siteName}',
    invitationBody:
      'Hola:\n\n{inviter} le invitó a unirse a {organization} en {siteName} como {role}. Abra este enlace en los próximos 7 días para elegir su contraseña:\n\n{link}\n\nSi no lo esperaba, ignore este mensaje.',
    verifiedSubject: '{organization} ya está verificada en {siteName}',
    verifiedBody:
      'Hola:\n\n{organization} ya está verificada. Sus servicios activos son públicos en {siteName}. Entre para mantenerlos al día:\n\n{link}',
    rejectedSubject: 'Su solicitud para publicar {organization} en {siteName}',
    rejectedBody:
      'Hola:\n\nNo pudimos verificar {organization} para {siteName}. El motivo que dio la persona revisora:\n\n{reason}\n\nPuede responder a su contacto de la coalición o volver a solicitarlo con más información.',
    infoRequestedSubject: 'Se necesita más información sobre {organization} en {siteName}',
    infoRequestedBody:
      'Hola:\n\nPara verificar {organization}, la persona revisora necesita más información:\n\n{reason}\n\nEntre y responda, o comuníquese con su coalición:\n\n{link}',
    staleDigestSubject: '{count} servicios por confirmar en {siteName}',
    staleDigestBody:
      'Hola:\n\nMuchas personas confían en que {siteName} esté al día antes de viajar o llamar. Estos servicios suyos no se han confirmado en los últimos {months} meses:\n\n{listings}\n\nAbra cada enlace, revise los datos y pulse «Confirmar que este servicio sigue siendo correcto» (o corrija lo que haya cambiado). Para iniciar sesión:\n\n{link}\n\nRecibirá este mensaje como máximo una vez al mes mientras haya servicios por confirmar.',
    roleAdmin: 'administrador del sitio',
    roleOwner: 'responsable',
    roleEditor: 'editor',
    roleCaseworker: 'trabajador social',
  },
});
