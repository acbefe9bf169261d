// A small taxonomy for unit tests (the real one is in assets/taxonomy).
import type { Taxonomy } from '../bindings/Taxonomy';
import { Vocabulary } from '../lib/vocabulary';

export const taxonomy: Taxonomy = {
  focus_areas: [
    { slug: 'valfardsteknik-e-halsa', name: 'Välfärdsteknik och e-hälsa', description: '' },
    { slug: 'offentliga-maltider', name: 'Offentliga måltider och livsmedel', description: '' },
    { slug: 'digitalisering', name: 'Digitalisering', description: '' },
    { slug: 'arbetsmiljo', name: 'Arbetsmiljö', description: '' },
    { slug: 'oppna-data', name: 'Öppna data', description: '' },
    { slug: 'atervinning', name: 'Återvinning', description: '' },
    { slug: 'zon', name: 'Zonplanering', description: '' },
  ],
  kinds: [
    { slug: 'exempel', label: 'Exempel', description: '' },
    { slug: 'metod', label: 'Metod eller verktyg', description: '' },
  ],
  stages: [
    { slug: 'ide', label: 'Idé', description: '' },
    { slug: 'pilot', label: 'Test/pilot', description: '' },
    { slug: 'inforande', label: 'Införande', description: '' },
    { slug: 'spridning', label: 'Spridning', description: '' },
    { slug: 'avslutad', label: 'Avslutad', description: '' },
  ],
  novelties: [],
  statuses: [{ slug: 'publicerad', label: 'Publicerad', description: '' }],
  org_types: [{ slug: 'kommun', label: 'Kommun', description: '' }],
  uptake_stages: [
    { slug: 'intresserad', label: 'Intresserad', description: '' },
    { slug: 'infort', label: 'Infört', description: '' },
  ],
  counties: [
    { code: '01', name: 'Stockholms län' },
    { code: '18', name: 'Örebro län' },
    { code: '14', name: 'Västra Götalands län' },
    { code: '25', name: 'Norrbottens län' },
  ],
  municipalities: [
    { code: '0181', name: 'Södertälje', lan_code: '01' },
    { code: '1880', name: 'Örebro', lan_code: '18' },
  ],
  countries: [
    { code: 'DE', name: 'Tyskland', name_en: 'Germany' },
    { code: 'DK', name: 'Danmark', name_en: 'Denmark' },
    { code: 'FI', name: 'Finland', name_en: 'Finland' },
    { code: 'SE', name: 'Sverige', name_en: 'Sweden' },
  ],
  languages: [
    { slug: 'sv', label: 'Svenska', description: '' },
    { slug: 'en', label: 'Engelska', description: '' },
    { slug: 'da', label: 'Danska', description: '' },
    { slug: 'no', label: 'Norska', description: '' },
    { slug: 'fi', label: 'Finska', description: '' },
  ],
  goals: [{ number: 2, name: 'Ingen hunger' }],
};

export const vocab = new Vocabulary(taxonomy);
