/** "Recognizing trafficking / your rights": short, plain-language, citing public sources. */
import { defineMessages } from '../i18n';

export const recognizeMessages = defineMessages({
  en: {
    title: 'Recognizing trafficking and knowing your rights',
    intro:
      'Human trafficking is when someone uses force, lies or pressure to make a person work or do sex acts, and profits from it. It can happen to anyone: any age, gender or nationality, in any kind of job.',
    signsTitle: 'Signs it may be trafficking',
    sign1: 'Someone keeps your passport, ID or other papers.',
    sign2: 'You owe a debt to your boss or recruiter that keeps growing and you can never pay off.',
    sign3: 'You cannot leave the job or the place you live, or someone watches where you go.',
    sign4: 'You were promised one job and made to do another.',
    sign5: 'Someone threatens you or your family, or says you will be arrested or deported if you talk.',
    sign6:
      'You are under 18 and someone arranges for you to do sex acts for money or things. That is trafficking by law, even without force.',
    rightsTitle: 'Your rights',
    right1: 'You can ask for help whatever your immigration status.',
    right2: 'Many services listed here are free and confidential, and do not ask for papers.',
    right3:
      'Survivors in the United States may qualify for protection such as a T visa, and help clearing records of crimes they were forced to commit.',
    right4: 'You have the right to be paid for your work and to keep your own documents.',
    right5:
      'You choose what to share and with whom. Asking for information does not force you to report anyone.',
    helpTitle: 'Get help',
    helpText:
      'The National Human Trafficking Hotline is free, confidential, open 24/7 and can connect you with local help.',
    helpCall: 'Call {number}',
    helpSms: 'Text {number}',
    helpSearch: 'Find services near you',
    sourcesTitle: 'Sources',
    sourcesIntro: 'This page summarizes, in plain words, these public sources. It is not legal advice.',
    sourcePalermo:
      'United Nations Protocol to Prevent, Suppress and Punish Trafficking in Persons (Palermo Protocol), 2000',
    sourceTvpa: 'United States Trafficking Victims Protection Act (TVPA), 2000',
    sourceHotline: 'National Human Trafficking Hotline',
  },
  es: {
    title: 'Cómo reconocer la trata y conocer sus derechos',
    intro:
      'La trata de personas es cuando alguien usa la fuerza, mentiras o presión para obligar a una persona a trabajar o a realizar actos sexuales, y se beneficia de ello. Le puede pasar a cualquiera: de cualquier edad, género o nacionalidad, en cualquier tipo de trabajo.',
    signsTitle: 'Señales de que puede ser trata',
    sign1: 'Alguien se queda con su pasaporte, identificación u otros documentos.',
    sign2:
      'Usted le debe dinero a su jefe o a quien le reclutó, la deuda sigue creciendo y nunca la puede pagar.',
    sign3: 'No puede dejar el trabajo o el lugar donde vive, o alguien vigila a dónde va.',
    sign4: 'Le prometieron un trabajo y le obligaron a hacer otro.',
    sign5: 'Alguien le amenaza a usted o a su familia, o le dice que le arrestarán o deportarán si habla.',
    sign6:
      'Tiene menos de 18 años y alguien hace arreglos para que realice actos sexuales a cambio de dinero o cosas. Eso es trata según la ley, aunque no haya fuerza.',
    rightsTitle: 'Sus derechos',
    right1: 'Puede pedir ayuda sin importar su estatus migratorio.',
    right2: 'Muchos servicios de este sitio son gratuitos y confidenciales, y no piden documentos.',
    right3:
      'En Estados Unidos, los sobrevivientes pueden calificar para protecciones como la visa T, y para ayuda para limpiar antecedentes de delitos que les obligaron a cometer.',
    right4: 'Tiene derecho a que le paguen por su trabajo y a guardar sus propios documentos.',
    right5: 'Usted decide qué contar y a quién. Pedir información no le obliga a denunciar a nadie.',
    helpTitle: 'Consiga ayuda',
    helpText:
      'La Línea Nacional contra la Trata de Personas es gratuita, confidencial, atiende las 24 horas y le puede conectar con ayuda local.',
    helpCall: 'Llame al {number}',
    helpSms: 'Envíe un texto al {number}',
    helpSearch: 'Buscar servicios cerca de usted',
    sourcesTitle: 'Fuentes',
    sourcesIntro: 'Esta página resume, en palabras sencillas, estas fuentes públicas. No es asesoría legal.',
    sourcePalermo:
      'Protocolo de las Naciones Unidas para prevenir, reprimir y sancionar la trata de personas (Protocolo de Palermo), 2000',
    sourceTvpa: 'Ley de Protección de Víctimas de la Trata de Estados Unidos (TVPA), 2000',
    sourceHotline: 'Línea Nacional contra la Trata de Personas (National Human Trafficking Hotline)',
  },
});
