// Every string the UI shows, in Swedish. `en.ts` has the same keys (its type is `Messages`).
// The names of the model's fixed values (kinds, stages, ...) are here too; focus areas, counties
// and municipalities are content (the library's taxonomy) and are not.
import type { Kind } from '../../bindings/Kind';
import type { Language } from '../../bindings/Language';
import type { AuditEventName } from '../accounts';
import type { Novelty } from '../../bindings/Novelty';
import type { OrgType } from '../../bindings/OrgType';
import type { Role } from '../../bindings/Role';
import type { Stage } from '../../bindings/Stage';
import type { Status } from '../../bindings/Status';

const count = (n: number) => n.toLocaleString('sv-SE');

export const sv = {
  appName: 'Exempelbanken',
  tagline: 'Goda exempel på innovation i offentlig sektor',
  skipToContent: 'Hoppa till innehållet',

  searchLabel: 'Sök bland posterna',
  searchPlaceholder: 'Sök, t.ex. livsmedel eller välfärdsteknik',
  searchHint: 'Tryck / eller Ctrl+K för att söka',
  searchButton: 'Sök',

  // Header
  navLabel: 'Huvudmeny',
  navStart: 'Startsida',
  navOverview: 'Översikt',
  navLists: 'Mina listor',
  /** The other language, in that language: the toggle offers it. */
  otherLanguage: 'English',
  otherLanguageTag: 'en',
  /** The toggle's accessible name: its visible text first (WCAG 2.5.3), then what it does. */
  switchLanguage: 'English – byt språk till engelska',

  // Start page
  browseHeading: 'Bläddra bland fokusområden',
  browseIntro: 'Välj ett område för att se alla poster inom det.',
  newestHeading: 'Senast uppdaterade',
  showAllNewest: 'Visa alla, senast uppdaterade först',
  noEntriesYet: 'Inga poster ännu',
  entryCount: (n: number) => (n === 1 ? '1 post' : `${count(n)} poster`),
  updatedOn: (date: string) => `Uppdaterad ${date}`,
  savedQuickHeading: 'Dina sparade sökningar',
  manageSaved: 'Hantera under Mina listor',
  allSaved: (n: number) => `Alla ${count(n)} sparade sökningar, under Mina listor`,

  // Results
  resultsHeading: 'Sökresultat',
  /** The results page's document title: with the query, when there is one. */
  resultsTitle: (query: string) => (query ? `Sökresultat för ”${query}”` : 'Sökresultat'),
  hitCount: (n: number) => (n === 1 ? '1 träff' : `${count(n)} träffar`),
  hitCountFor: (n: number, query: string) =>
    `${n === 1 ? '1 träff' : `${count(n)} träffar`} för ”${query}”`,
  searching: 'Söker …',
  /** Said (live region) with the count after a change of sort order. */
  sortedBy: (order: string) => `Sorterat: ${order.toLowerCase()}.`,
  /** Said when Enter is pressed with nothing in the search box: every entry is shown. */
  emptySearch: 'Inget sökord. Alla poster visas, senast uppdaterade först.',
  noHitsHeading: 'Inga träffar',
  noHitsAdvice: 'Prova färre eller andra ord, eller kontrollera stavningen.',
  noHitsAdviceFilters: 'Prova att ta bort ett filter, använda färre ord eller kontrollera stavningen.',
  /** Before the query as the hits read it, when a word was mistyped: "Visar träffar för *livsmedel*." */
  showingHitsFor: 'Visar träffar för',
  showingHitsForSaid: (query: string) => `Visar träffar för ”${query}”.`,
  /** With no hits, before the nearest words the library has: "Menade du *livsmedel*?" */
  didYouMean: 'Menade du',
  didYouMeanSaid: (query: string) => `Menade du ”${query}”?`,
  clearFilters: 'Rensa alla filter',
  showMore: (shown: number, total: number) => `Visa fler (${count(shown)} av ${count(total)} visas)`,
  sortLabel: 'Sortera',
  sortRelevance: 'Mest relevant',
  sortNewest: 'Senast uppdaterad',
  sortSpread: 'Mest spridda',
  hitList: 'Träffar',
  hitKind: 'Typ',
  hitOrganisations: 'Organisationer',
  hitPlaces: 'Platser',
  hitYears: 'År',
  /** Before the badge with the language of an entry that is not in Swedish ("Engelska"). */
  hitLanguage: 'Språk',
  saveSearch: 'Spara sökningen',
  saveSearchName: 'Namn på sökningen',
  saveSearchReplaces: 'Det finns redan en sparad sökning med det namnet. Den ersätts.',
  searchSaved: (name: string) => `Sökningen sparades som ”${name}”.`,
  findSavedIn: 'Du hittar den under',

  // Facets and filters
  filtersHeading: 'Filtrera',
  /** The button that shows the filters in a narrow window (its text begins with "Filtrera"). */
  filtersToggle: (n: number) => (n === 0 ? 'Filtrera' : `Filtrera (${count(n)} valda)`),
  facetFocus: 'Fokusområde',
  facetLan: 'Län',
  /** Counties where the entries have been taken up. */
  facetSpread: 'Spridd till',
  facetKind: 'Typ',
  facetStage: 'Skede',
  facetYear: 'År',
  /** The language entries are written in. */
  facetLanguage: 'Språk',
  /** Countries of the entries' places (Sverige for a Swedish municipality or county). */
  facetCountry: 'Land',
  yearFrom: 'Från år',
  yearTo: 'Till år',
  yearAny: 'Alla år',
  activeFilters: 'Valda filter',
  removeFilter: (label: string) => `Ta bort filtret ${label}`,
  yearRange: (from?: number, to?: number) =>
    from !== undefined && to !== undefined
      ? from === to
        ? `År ${from}`
        : `År ${from}–${to}`
      : from !== undefined
        ? `År från ${from}`
        : `År till ${to ?? ''}`,
  showAll: (n: number) => `Visa alla (${count(n)})`,
  showFewer: 'Visa färre',

  // Entry
  backToResults: 'Tillbaka till sökresultaten',
  backToStart: 'Tillbaka till startsidan',
  backToLists: 'Tillbaka till Mina listor',
  loadingEntry: 'Hämtar posten …',
  sections: {
    challenge: 'Utmaning och behov',
    solution: 'Lösning och genomförande',
    results: 'Resultat och effekter',
    lessons: 'Lärdomar',
    dissemination: 'Spridning',
  },
  factsHeading: 'Fakta',
  factFocus: 'Fokusområden',
  factStage: 'Skede',
  factNovelty: 'Nyhetsgrad',
  factOrganisations: 'Organisationer',
  factPlaces: 'Platser',
  factPeriod: 'Period',
  factGoals: 'Agenda 2030-mål',
  factTags: 'Nyckelord',
  factUpdated: 'Senast uppdaterad',
  /** The language of an entry not in Swedish. */
  factLanguage: 'Språk',
  factContacts: 'Kontakt',
  sourcesHeading: 'Källor',
  seeAlsoHeading: 'Se även',
  /** "Liknande exempel": published entries most like this one, found by the library. */
  similarHeading: 'Liknande exempel',
  similarIntro: 'Andra poster med liknande text, fokusområden eller län.',
  similarLoading: 'Hämtar liknande exempel …',
  similarFailed: 'Liknande exempel kunde inte hämtas.',
  period: (start?: number, end?: number) =>
    start !== undefined && end !== undefined
      ? start === end
        ? `${start}`
        : `${start}–${end}`
      : start !== undefined
        ? `Från ${start}`
        : end !== undefined
          ? `Till ${end}`
          : '',
  goal: (n: number, name: string) => `${n}. ${name}`,
  kindAndStatus: 'Typ och status',
  sourceLicence: (licence: string) => `Licens: ${licence}`,
  entryListsHeading: 'Mina listor',
  entryInLists: 'Posten finns i',
  entryInNoList: 'Posten finns inte i någon av dina listor.',
  saveToList: 'Spara i lista',
  newListOption: 'Ny lista …',
  newListName: 'Namn på den nya listan',
  savedToList: (name: string) => `Sparad i listan ”${name}”.`,
  removedFromListNamed: (name: string) => `Borttagen ur listan ”${name}”.`,

  // Lists and saved searches
  listsHeading: 'Mina listor',
  listsIntro: 'Dina egna listor med poster, och dina sparade sökningar. De sparas i ditt bibliotek.',
  listsUnavailable:
    'Listor och sparade sökningar finns bara i programmet Exempelbanken, inte i webbversionen.',
  listsSection: 'Listor',
  savedSection: 'Sparade sökningar',
  noLists: 'Du har inga listor ännu. Skapa en här, eller spara en post i en ny lista från postens sida.',
  emptyList: 'Listan är tom. Öppna en post och välj ”Spara i lista”.',
  listCount: (n: number) => (n === 1 ? '1 post' : `${count(n)} poster`),
  listEntries: (name: string) => `Poster i ${name}`,
  entryGone: 'Posten finns inte längre',
  entryTitleError: (message: string) => `Kunde inte hämta posten: ${message}`,
  loadingTitle: 'Hämtar …',
  removeFromList: 'Ta bort ur listan',
  renameList: 'Byt namn',
  renameListLabel: (name: string) => `Nytt namn på listan ”${name}”`,
  deleteList: 'Ta bort listan',
  deleteListHeading: 'Ta bort listan?',
  deleteListQuestion: (name: string) =>
    `Listan ”${name}” tas bort. Posterna i den finns kvar i biblioteket.`,
  newListLabel: 'Ny lista',
  createList: 'Skapa listan',
  listCreated: (name: string) => `Listan ”${name}” skapades.`,
  listRenamed: (name: string) => `Listan heter nu ”${name}”.`,
  listDeleted: (name: string) => `Listan ”${name}” togs bort.`,
  removedFromList: (title: string, list: string) => `”${title}” togs bort ur listan ”${list}”.`,
  noSaved: 'Inga sparade sökningar ännu. Sök och välj ”Spara sökningen” bland resultaten.',
  deleteSaved: 'Ta bort',
  savedDeleted: (name: string) => `Den sparade sökningen ”${name}” togs bort.`,
  savedSearchDefaultName: 'Min sökning',
  savedSearchEverything: 'Alla poster',
  quoted: (text: string) => `”${text}”`,
  save: 'Spara',
  cancel: 'Avbryt',
  nameMissing: 'Skriv ett namn.',
  /** A button's accessible name: what it does, then to what (the visible text comes first). */
  actionOn: (action: string, name: string) => `${action}: ${name}`,

  // Overview
  overviewHeading: 'Översikt',
  overviewIntro: (n: number) =>
    `Så fördelar sig bibliotekets ${count(n)} publicerade poster. Under varje diagram finns siffrorna också som tabell (”Visa som tabell”), med länkar till posterna.`,
  chartFocus: 'Poster per fokusområde',
  chartLan: 'Poster per län',
  chartYear: 'Poster per år',
  chartStage: 'Poster per skede',
  chartFocusNote: 'En post kan höra till flera fokusområden.',
  chartLanNote: 'En post räknas i varje län den gäller.',
  chartYearNote: 'En post räknas varje år den pågick.',
  chartStageNote: 'Skedena i den ordning ett arbete går igenom dem.',
  chartCountry: 'Poster per land',
  chartCountryNote: 'En post räknas i varje land där den har en plats. Sverige är posterna med en svensk kommun eller ett län.',
  chartLanguage: 'Poster per språk',
  chartLanguageNote: 'Det språk posten är skriven på.',
  /** How many entries a chart covers, and how many lack its value ("saknar län"). */
  chartCoverage: (
    shown: number,
    total: number,
    chart: 'focus' | 'lan' | 'year' | 'stage' | 'country' | 'language',
  ) => {
    if (shown === total) return total === 1 ? 'Diagrammet visar den enda posten.' : `Diagrammet visar alla ${count(total)} poster.`;
    const lacking = { focus: 'fokusområde', lan: 'län', year: 'år', stage: 'skede', country: 'land', language: 'språk' }[chart];
    return `Diagrammet visar ${count(shown)} av ${count(total)} ${total === 1 ? 'post' : 'poster'}; ${count(total - shown)} saknar ${lacking}.`;
  },
  chartDescription: (title: string, rows: number) =>
    `Stapeldiagram: ${title.toLowerCase()}, ${rows} staplar. Siffrorna finns i tabellen under diagrammet.`,
  showTable: 'Visa som tabell',
  columnCount: 'Antal poster',
  columnFocus: 'Fokusområde',
  columnLan: 'Län',
  columnYear: 'År',
  columnStage: 'Skede',
  columnCountry: 'Land',
  columnLanguage: 'Språk',
  noData: 'Inga uppgifter ännu.',

  // The entry editor (#/ny, #/post/<id>/redigera), the curation bar, note and attachments on an
  // entry's page, and its history (#/post/<id>/historik)
  navNewEntry: 'Ny post',
  editorNewHeading: 'Ny post',
  editorEditHeading: (title: string) => `Redigera ”${title}”`,
  editorIntro: 'Bara rubriken måste fyllas i. Resten kan du komplettera senare.',
  editorUnavailable: 'Poster skrivs och ändras bara i programmet Exempelbanken, inte i webbversionen.',
  autosaveNote: 'Ändringarna sparas automatiskt på den här datorn tills du sparar posten.',
  draftRestored: 'Osparade ändringar återställdes',
  draftRestoredDetail: (when: string) =>
    `Du ändrade posten ${when} utan att spara. Ändringarna finns kvar i formuläret.`,
  draftOutdated: (revision: number) =>
    `Posten har sparats igen sedan dess (nu revision ${revision}). Sparar du får du veta om ändringarna krockar; släng dem om du vill utgå från den senaste versionen.`,
  discardDraft: 'Släng ändringarna',
  draftDiscarded: 'Ändringarna slängdes. Formuläret visar posten som den är sparad.',
  formBasics: 'Grunduppgifter',
  formText: 'Text',
  formClassification: 'Indelning',
  fieldKind: 'Typ',
  fieldTitle: 'Rubrik',
  fieldSummary: 'Sammanfattning',
  fieldLanguage: 'Språk',
  languageHint: 'Språket posten är skriven på. Sökningen tolkar texten efter det.',
  requiredMark: '(obligatoriskt)',
  summaryHint: 'Några meningar om vad som gjordes och vad det gav.',
  charCount: (n: number, max: number) => `${count(n)} av ${count(max)} tecken`,
  charsOver: (n: number) => `${count(n)} tecken för mycket`,
  markdownHint: 'Markdown: **fet**, *kursiv*, - punktlista, [länk](https://…). Tom rad ger nytt stycke.',
  preview: 'Förhandsvisning',
  previewOf: (label: string) => `Förhandsvisning av ${label.toLowerCase()}`,
  previewEmpty: 'Inget att visa ännu.',
  fieldFocus: 'Fokusområden',
  fieldStage: 'Skede',
  fieldNovelty: 'Nyhetsgrad',
  notGiven: 'Inte angivet',
  formOrganisations: 'Organisationer',
  organisationN: (n: number) => `Organisation ${n}`,
  orgName: 'Namn',
  orgType: 'Typ av organisation',
  orgRole: 'Roll',
  addOrganisation: 'Lägg till organisation',
  removeRow: 'Ta bort',
  formPlaces: 'Platser',
  placesHint:
    'Skriv kommunens namn eller SCB-kod och välj i listan, eller välj bara ett län. Är fallet från ett annat land väljer du landet.',
  /** A place's country: Sverige (a municipality or county), or a country outside Sweden. */
  placeCountry: 'Land',
  placeSweden: 'Sverige',
  placeN: (n: number) => `Plats ${n}`,
  placeMunicipality: 'Kommun',
  placeCounty: 'Län',
  placeCountyNone: 'Välj län',
  placeFound: (name: string, code: string, county: string) => `${name}, kommunkod ${code}, ${county}`,
  placeNotFound: 'Ingen kommun har det namnet eller den koden.',
  placeWholeCounty: 'Hela länet',
  addPlace: 'Lägg till plats',
  formPeriod: 'Period',
  periodStart: 'Startår',
  periodEnd: 'Slutår',
  formGoals: 'Agenda 2030-mål',
  fieldTags: 'Nyckelord',
  tagsHint: 'Skilj orden åt med kommatecken, t.ex. matsvinn, skolmåltider.',
  formContacts: 'Kontakter',
  contactsHint:
    'En funktionsadress (t.ex. kontakt@kommun.se) går bra. En persons egen e-post eller telefon är personuppgifter: ta bara med dem om personen har sagt ja.',
  contactN: (n: number) => `Kontakt ${n}`,
  contactName: 'Namn',
  contactRole: 'Roll',
  contactOrganisation: 'Organisation',
  contactEmail: 'E-post',
  contactPhone: 'Telefon',
  addContact: 'Lägg till kontakt',
  formSources: 'Källor',
  sourceN: (n: number) => `Källa ${n}`,
  sourceTitle: 'Titel',
  sourceUrl: 'Webbadress',
  sourcePublisher: 'Utgivare',
  sourceDate: 'Datum',
  sourceDateHint: 'ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD',
  sourceLicenceField: 'Licens',
  addSource: 'Lägg till källa',
  formRelated: 'Se även',
  relatedPick: 'Relaterad post',
  relatedChoose: 'Välj en post …',
  relatedAdd: 'Lägg till',
  relatedNone: 'Inga relaterade poster.',
  relatedUnknown: (uid: string) => `Okänd post (${uid})`,
  relatedLoadError: (message: string) => `Kunde inte hämta posterna: ${message}`,
  saveEntry: 'Spara posten',
  saving: 'Sparar …',
  backToEntry: 'Tillbaka till posten',
  problemHeading: 'Posten kan inte sparas ännu',
  problemAtField: 'Rätta det markerade fältet.',
  conflictHeading: 'Posten har ändrats sedan du började redigera',
  conflictAdvice:
    'Någon har sparat en nyare version (kanske du, i ett annat fönster). Dina ändringar finns kvar här. Kopiera det du vill behålla, och hämta sedan den senaste versionen.',
  conflictReload: 'Släng mina ändringar och hämta den senaste versionen',
  conflictIntro: (fields: string) =>
    `Någon har sparat en nyare version medan du redigerade (kanske du, i ett annat fönster). Din version och den sparade skiljer sig åt i: ${fields}. Inget av dina ändringar har sparats, men de finns kvar i formuläret.`,
  conflictNoFields:
    'Någon har sparat en nyare version medan du redigerade (kanske du, i ett annat fönster). Formulärets fält är likadana i din version och den sparade: det som ändrades är något annat, till exempel status eller bilagor.',
  conflictChoose:
    'Välj vilken version som ska gälla. Du kan också ta den sparade versionen av enstaka fält och sedan spara posten.',
  conflictFieldsLabel: 'Fälten som skiljer sig åt',
  conflictMine: 'Din version',
  conflictSaved: (revision: number, by: string, at: string) =>
    `Sparad version (revision ${revision}${by ? `, av ${by}` : ''}${at ? `, ${at}` : ''})`,
  conflictEmpty: 'Tomt',
  conflictTakeSaved: 'Ta den sparade',
  conflictTaken: 'Formuläret har nu den sparade versionen av fältet.',
  conflictKeepMine: 'Behåll mina ändringar',
  conflictKeepMineHint: 'Sparar din version som den nyaste, i stället för den som sparades.',
  conflictUseSaved: 'Använd den sparade versionen',
  conflictUseSavedHint: 'Slänger dina ändringar och visar posten som den är sparad.',
  conflictNotEditable: (status: string) =>
    `Posten har nu status ${status.toLowerCase()}. Bara en granskare eller redaktör kan ändra den, så dina ändringar kan inte sparas.`,
  entrySaved: (title: string) => `”${title}” sparades.`,
  curationBar: 'Redigering',
  statusLabel: 'Status',
  transitionLabel: (_to: string, action: string) => action,
  transitionComment: 'Kommentar till statusändringen',
  transitionCommentHint: 'Krävs när posten går tillbaka till utkast: skriv vad som ska ändras.',
  transitionCommentMissing: 'Skriv varför posten går tillbaka till utkast, så att skribenten vet vad som ska ändras.',
  statusChanged: (label: string) => `Posten har nu status ${label}.`,
  editEntry: 'Redigera',
  openHistory: 'Historik',
  deleteEntry: 'Flytta till papperskorgen',
  movedToTrash: (title: string) => `”${title}” flyttades till papperskorgen.`,
  undo: 'Ångra',
  backFromTrash: (title: string) => `”${title}” är tillbaka.`,
  noteHeading: 'Personlig anteckning',
  noteHint: 'Syns bara för dig. Exporteras inte och skrivs aldrig över av en import.',
  noteHintTeam:
    'I en gemensam exempelbank delas anteckningen med alla som skriver i den. Exporteras inte och skrivs aldrig över av en import.',
  saveNote: 'Spara anteckningen',
  noteSaved: 'Anteckningen sparades.',
  attachmentsHeading: 'Bilagor',
  attachmentsNone: 'Posten har inga bilagor.',
  attachmentsCaption: (n: number) => (n === 1 ? '1 bilaga' : `${count(n)} bilagor`),
  columnFile: 'Fil',
  columnType: 'Typ',
  columnSize: 'Storlek',
  columnLicence: 'Licens',
  attachHeading: 'Bifoga fil',
  attachFileLabel: 'Fil',
  attachFileHint: 'PDF, DOCX, PNG eller JPEG. Texten i en PDF blir sökbar.',
  attachLicenceLabel: 'Licens (frivillig)',
  attachLicenceHint: 'T.ex. CC BY 4.0, eller vem som äger rättigheterna.',
  attachButton: 'Bifoga fil',
  attaching: 'Bifogar …',
  attached: (name: string) => `${name} bifogades.`,
  detach: 'Ta bort',
  detached: (name: string) => `${name} togs bort.`,
  attachChooseFile: 'Välj en fil först.',
  mediaType: (type: string) =>
    type === 'application/pdf'
      ? 'PDF'
      : type.includes('wordprocessingml')
        ? 'Word (DOCX)'
        : type === 'image/png'
          ? 'PNG-bild'
          : type === 'image/jpeg'
            ? 'JPEG-bild'
            : type,
  hitInAttachment: 'Träff i bilagan',
  historyHeading: 'Historik',
  historyIntro:
    'Varje sparad ändring är en revision. Välj två revisioner för att se vad som ändrades, eller återställ en äldre.',
  historyCaption: (n: number) => (n === 1 ? '1 revision' : `${count(n)} revisioner`),
  columnFrom: 'Från',
  columnTo: 'Till',
  columnTime: 'Tid',
  columnBy: 'Av',
  columnComment: 'Kommentar',
  historyColumnRevision: 'Revision',
  historyColumnStatus: 'Status',
  diffFromLabel: (n: number) => `Jämför från revision ${n}`,
  diffToLabel: (n: number) => `Jämför till revision ${n}`,
  diffHeading: (from: number, to: number) => `Ändringar från revision ${from} till ${to}`,
  diffLegend: 'Borttagen text är överstruken och röd, tillagd text understruken och grön.',
  diffNone: 'Revisionerna har samma innehåll.',
  diffSame: 'Välj två olika revisioner.',
  diffOnlyOne: 'Posten har bara en revision.',
  diffDeleted: 'borttaget',
  diffInserted: 'tillagt',
  diffEnd: 'slut',
  diffFieldLabel: (_field: string, label: string) => label,
  restoreRevision: (n: number) => `Återställ revision ${n}`,
  restoreHeading: (n: number) => `Återställa revision ${n}?`,
  restoreQuestion: (n: number) =>
    `Posten får samma innehåll som i revision ${n}. Det sparas som en ny revision, så inget går förlorat. Statusen ändras inte.`,
  restoreConfirm: 'Återställ',
  restored: (n: number, m: number) => `Revision ${n} återställdes. Den nya revisionen är nummer ${m}.`,
  currentRevision: 'Nuvarande',

  // Footer and errors
  libraryInfo: (entries: number) => `Biblioteket innehåller ${count(entries)} poster.`,
  loading: 'Laddar …',
  errorHeading: 'Något gick fel',
  errorUnreachable: 'Kunde inte nå Exempelbanken. Kontrollera att programmet eller servern körs.',
  errorStatus: (status: number) => `Servern svarade med felkod ${status}.`,
  errorUnknown: 'Ett oväntat fel inträffade.',
  tryAgain: 'Försök igen',
  notFoundHeading: 'Sidan finns inte',
  entryMissingHeading: 'Posten finns inte',
  entryMissingText:
    'Det finns ingen post på den här adressen. Det kan ha tagits bort eller bytt adress, eller så är länken felskriven.',
  entryMissingBrowse: 'Visa alla poster',
  goToStart: 'Gå till startsidan',
  pageTitle: (page: string) => `${page} – Exempelbanken`,

  // Redaktion (#/redaktion), Papperskorg (#/papperskorg), and the curator's controls on the
  // results page
  navCuration: 'Redaktion',
  navTrash: 'Papperskorg',
  curationHeading: 'Redaktion',
  curationIntro:
    'Här ser du alla poster oavsett status, sköter fokusområdena, importerar poster från fil och ändrar inställningar.',
  curationUnavailable: 'Redaktionen finns bara i programmet Exempelbanken, inte i webbversionen.',
  trashUnavailable: 'Papperskorgen finns bara i programmet Exempelbanken, inte i webbversionen.',
  curationContents: 'Innehåll på sidan',
  showAllStatuses: 'Visa alla statusar (utkast, granskning, arkiverade)',
  hitStatus: 'Status',
  columnTitle: 'Rubrik',
  columnKind: 'Typ',
  columnStatus: 'Status',
  columnUpdated: 'Senast ändrad',
  columnRevision: 'Revision',
  columnActions: 'Åtgärder',
  entriesHeading: 'Alla poster',
  entriesIntro:
    'Utkast och poster under granskning syns bara här, inte i sökningen. Välj en rubrik för att öppna posten.',
  statusFilterLegend: 'Visa poster med status',
  statusAll: 'Alla',
  statusOption: (label: string, n: number) => `${label} (${count(n)})`,
  entriesCaption: (status: string, n: number) =>
    `${status}: ${n === 1 ? '1 post' : `${count(n)} poster`}`,
  noEntriesWithStatus: 'Inga poster har den statusen.',
  noEntriesAtAll: 'Biblioteket har inga poster ännu.',
  focusHeading: 'Fokusområden',
  focusIntro:
    'Fokusområdena delar in biblioteket i ämnen. Byter du namn på ett område eller slår ihop två följer posterna med, och varje post som ändras får en ny revision.',
  focusCaption: (n: number) => `${count(n)} fokusområden`,
  columnFocusName: 'Fokusområde',
  columnFocusEntries: 'Poster',
  focusEntries: (n: number) => (n === 1 ? '1 post' : `${count(n)} poster`),
  focusRename: 'Byt namn',
  focusMerge: 'Slå ihop',
  focusRenameLabel: (name: string) => `Nytt namn på ”${name}”`,
  focusMergeLabel: (name: string) => `Slå ihop ”${name}” med`,
  focusMergePick: 'Välj fokusområde …',
  focusMergePickMissing: 'Välj det fokusområde som ska finnas kvar.',
  focusSameName: 'Skriv ett annat namn än det nuvarande.',
  focusContinue: 'Fortsätt …',
  focusAddHeading: 'Lägg till ett fokusområde',
  focusAddName: 'Namn',
  focusAddDescription: 'Beskrivning (frivillig)',
  focusAdd: 'Lägg till',
  focusAdded: (name: string) => `Fokusområdet ”${name}” lades till.`,
  focusRenameHeading: 'Byta namn på fokusområdet?',
  focusRenameQuestion: (from: string, to: string) => `”${from}” får det nya namnet ”${to}”.`,
  focusMergeHeading: 'Slå ihop fokusområdena?',
  focusMergeQuestion: (from: string, into: string) =>
    `”${from}” tas bort och ingår i stället i ”${into}”.`,
  focusFollow: (n: number | null) =>
    n === null
      ? 'Alla poster som använder området följer med, och var och en får en ny revision i historiken.'
      : n === 0
        ? 'Ingen publicerad post, inget utkast och ingen post under granskning använder området. Poster i papperskorgen som använder det följer med.'
        : `${n === 1 ? 'Den post' : `De ${count(n)} poster`} som använder området följer med, liksom poster i papperskorgen, och var och en får en ny revision i historiken.`,
  focusRenameConfirm: 'Byt namn',
  focusMergeConfirm: 'Slå ihop',
  focusRenamed: (from: string, to: string) =>
    `Fokusområdet ”${from}” heter nu ”${to}”. Posterna som använde det har fått en ny revision.`,
  focusMerged: (from: string, into: string) =>
    `”${from}” ingår nu i ”${into}”. Posterna som använde det har fått en ny revision.`,
  focusNoDescription: 'Ingen beskrivning.',
  importHeading: 'Importera',
  importIntro:
    'Importera poster från ett kalkylblad (CSV eller XLSX) eller från JSON. Provkör först: då ser du vad som händer med varje rad, utan att något sparas.',
  importFile: 'Fil',
  importFileHint: 'CSV (UTF-8), XLSX, JSON eller JSON Lines.',
  importPresetLegend: 'Förval för kolumnerna',
  importPresets: {
    none: 'Inget förval',
    pstw: 'Europeisk fallsamling (PSTW)',
    kommun: 'Kommunens projektlista',
  },
  importPresetHints: {
    none: 'Kolumnerna heter som fälten, eller så kopplar du dem nedan.',
    pstw: 'En rad per fall med engelska kolumnnamn, som i EU:s Public Sector Tech Watch. Fallen importeras som engelska.',
    kommun: 'Svenska kolumnnamn, till exempel',
  },
  importColumnsLegend: 'Kolumner och värden',
  importRowsLegend: 'Raderna',
  importMapping: 'Kolumnmappning (frivillig)',
  importMappingHint:
    'Behövs bara för kolumner som inte heter som fälten. Skriv Kolumn=fält, med semikolon eller ny rad emellan, eller klistra in en mappningsfil (TOML eller JSON). Med ett minustecken som fält hoppas kolumnen över. Mappningen går före förvalet.',
  importMappingFile: 'Läs in mappningen från en fil',
  importMappingFileHint: 'TOML eller JSON. Texten hamnar i rutan ovan, där du kan ändra den.',
  importMappingFileRead: (name: string) => `Mappningen lästes in från ${name}.`,
  importMappingFileTooLarge: (name: string) => `${name}: en mappningsfil får vara högst 256 kB.`,
  importValues: 'Värdeöversättningar (frivilliga)',
  importValuesHint:
    'En kolumn per rad: kolumnens namn, kolon, sedan Värde=värde med semikolon emellan. Ett minustecken efter = tar bort värdet.',
  importSkipUnmapped: 'Hoppa över okända kolumner',
  importSkipUnmappedHint:
    'Kolumner som varken heter som ett fält eller står i mappningen hoppas över och visas i rapporten. Annars stoppar de importen.',
  importSkipUnmappedByPreset: 'Förvalet hoppar redan över dem.',
  importLongSummary: 'En för lång sammanfattning',
  importLongSummaryHint:
    'En sammanfattning får vara högst 1 200 tecken. Flyttas en längre till ett avsnitt blir dess första meningar sammanfattning.',
  importLongSummaryRefuse: 'Avvisa raden',
  importLongSummaryTo: (section: string) => `Flytta till ${section}`,
  importLanguage: 'Språk',
  importLanguageHint: 'Språket som posterna är skrivna på. Annars känns det igen för varje rad, och rapporten säger vilket.',
  importLanguageDetect: 'Känn igen för varje rad',
  importByPreset: (choice: string) => `Som förvalet: ${choice}`,
  importAcceptValid: 'Importera de giltiga raderna och ge mig de avvisade',
  importAcceptValidHint:
    'Annars sparas ingenting så länge en rad avvisas. De avvisade raderna får du som en CSV-fil med skälet i en sista kolumn; rätta dem och importera filen igen.',
  importMappingExample: 'Exempel:',
  importFieldsLabel: 'Fält:',
  importDryRun: 'Provkör',
  importRun: 'Importera',
  importRunHint:
    'Importera går att välja efter en provkörning av samma fil och val där ingen rad avvisas, eller där de giltiga raderna ska importeras.',
  importChooseFile: 'Välj en fil först.',
  uploadTooLarge: (name: string, size: number, max: number) =>
    `${name}: filen är ${size} MB; importen läser högst ${max} MB`,
  importDryRunning: 'Provkör importen …',
  importRunning: 'Importerar …',
  importCaption: (file: string) => `Raderna i ${file}`,
  writeReportDry: 'Provkörning – inget har sparats',
  writeReportDone: 'Importen är klar',
  writeReportNotDone: 'Inget importerades',
  writeReadyNote: 'Inget avvisas. Välj Importera för att spara posterna.',
  writeRejectedNote: 'Inget sparas när en rad avvisas. Rätta de avvisade raderna i filen och provkör igen.',
  writeRejectedImportNote:
    'Inget sparas när en rad avvisas. Rätta de avvisade raderna i filen och provkör igen, eller välj ”Importera de giltiga raderna och ge mig de avvisade”.',
  writePartialNote: (n: number, file: boolean) =>
    `${n === 1 ? 'Den avvisade raden lämnas' : `De ${count(n)} avvisade raderna lämnas`} utanför. Välj Importera för att spara de övriga${file ? `; ${n === 1 ? 'den avvisade' : 'de avvisade'} får du sedan som en fil att rätta och importera igen` : ''}.`,
  writePartialDoneNote: (n: number, file: boolean) =>
    `De giltiga raderna är sparade, var och en med en ny revision i historiken. ${n === 1 ? 'Den avvisade raden sparades inte' : `De ${count(n)} avvisade raderna sparades inte`}${file ? `: hämta ${n === 1 ? 'den' : 'dem'} som en fil, rätta och importera filen igen` : ''}.`,
  writeRejectedBundleNote: 'Inget sparas när en post avvisas. Be avsändaren om ett rättat paket.',
  writeDoneNote: 'Posterna är sparade, var och en med en ny revision i historiken.',
  writeKeptNote:
    'Poster som du har ändrat här behåller dina ändringar. Paketets version sparas vid sidan av och väntar på granskning.',
  writeErasedNote: (n: number) =>
    `${count(n)} ${n === 1 ? 'kontaktuppgift' : 'kontaktuppgifter'} om personer som har raderats ur biblioteket lämnades utanför.`,
  writeBackup: 'En säkerhetskopia av biblioteket sparades före importen:',
  writeCreate: (n: number) => `${count(n)} ${n === 1 ? 'ny' : 'nya'}`,
  writeUpdate: (n: number) => `${count(n)} ändras`,
  writeUnchanged: (n: number) => `${count(n)} ${n === 1 ? 'oförändrad' : 'oförändrade'}`,
  writeReject: (n: number) => `${count(n)} avvisas`,
  writeKeepForReview: (n: number) =>
    `${count(n)} ${n === 1 ? 'lokal ändring behålls' : 'lokala ändringar behålls'}`,
  writeActions: {
    create: 'ny',
    update: 'ändras',
    unchanged: 'oförändrad',
    reject: 'avvisas',
    keep_for_review: 'lokal ändring behålls',
  },
  writeSkippedColumns: (n: number): string => (n === 1 ? 'Överhoppad kolumn:' : 'Överhoppade kolumner:'),
  writeRejectsDownload: 'Hämta de avvisade raderna',
  writeRejectsFile: (name: string, n: number) => `${name}, ${n === 1 ? '1 rad' : `${count(n)} rader`} med skäl`,
  writeFormat: (format: string) => `Format: ${format.toUpperCase()}`,
  writeSender: (name: string) => `Signerat av ”${name}”`,
  columnPlace: 'Plats i filen',
  columnAction: 'Åtgärd',
  columnEntry: 'Post',
  columnReason: 'Kommentar',
  settingsHeading: 'Inställningar',
  userNameLabel: 'Ditt namn i historiken',
  userNameHint:
    'Varje ändring du gör sparas som en ny revision med ditt namn, så att andra ser vem som ändrade vad. Namnet sparas i biblioteket.',
  userNameSaved: (name: string) => `Namnet ”${name}” sparades.`,
  erasureHeading: 'Personuppgifter',
  erasureIntro:
    'Ber en person att få sina uppgifter borttagna raderar du här personens kontaktuppgifter och namn ur hela biblioteket. Skriv namnet som det står i posternas kontakter.',
  erasureName: 'Personens namn',
  erasureButton: 'Radera personuppgifter …',
  erasureDialogHeading: 'Radera personuppgifterna?',
  erasureDialogText: (name: string) =>
    `Kontaktuppgifterna för ”${name}” tas bort ur varje post, ur varje revision i historiken och ur varje säkerhetskopia. Det går inte att ångra.`,
  erasureConfirm: 'Radera för alltid',
  erasureDone: (name: string, entries: number, revisions: number, other: number, backups: number) =>
    `Kontaktuppgifterna och namnet ”${name}” togs bort ur ${entries === 1 ? '1 post' : `${count(entries)} poster`}, ${revisions === 1 ? '1 revision' : `${count(revisions)} revisioner`}, ${other === 1 ? '1 annan text' : `${count(other)} andra texter`} och ${backups === 1 ? '1 säkerhetskopia' : `${count(backups)} säkerhetskopior`}. Biblioteket minns raderingen: senare importer och paket tar inte med personens kontaktuppgifter.`,
  erasureNone: (name: string) => `Ingen kontakt med namnet ”${name}” fanns i biblioteket.`,
  trashHeading: 'Papperskorg',
  trashIntro:
    'Poster som tas bort hamnar här. Du kan hämta tillbaka dem, med hela sin historik, tills papperskorgen töms.',
  trashEmpty: 'Papperskorgen är tom.',
  trashCaption: (n: number) => `${n === 1 ? '1 post' : `${count(n)} poster`} i papperskorgen`,
  columnId: 'Id',
  columnDeleted: 'Borttagen',
  undelete: 'Hämta tillbaka',
  undeleted: (title: string) => `”${title}” hämtades tillbaka.`,
  openEntry: 'Öppna posten',
  emptyTrash: 'Töm papperskorgen …',
  emptyTrashHeading: 'Tömma papperskorgen?',
  emptyTrashQuestion: (n: number) =>
    `${n === 1 ? '1 post tas' : `${count(n)} poster tas`} bort för alltid, med hela sin historik. Det går inte att ångra.`,
  emptyTrashConfirm: 'Ta bort för alltid',
  trashEmptied: (n: number) =>
    `${n === 1 ? '1 post togs' : `${count(n)} poster togs`} bort för alltid.`,
  working: 'Arbetar …',

  // The export dialog (an entry, a list, the search results) and "Paket" on the Redaktion page
  exportEntry: 'Exportera',
  exportList: 'Exportera listan',
  exportHits: 'Exportera träffarna',
  exportHeadingEntry: 'Exportera posten',
  exportHeadingList: 'Exportera listan',
  exportHeadingHits: 'Exportera träffarna',
  exportCount: (n: number) => (n === 1 ? '1 post' : `${count(n)} poster`),
  exportFormatLegend: 'Format',
  exportFormats: {
    pdfCard: 'PDF-kort',
    pdfBrief: 'PDF-sammanställning',
    md: 'Markdown',
    html: 'HTML',
    json: 'JSON',
    csv: 'CSV',
    xlsx: 'XLSX (Excel)',
  },
  exportFormatHints: {
    pdfCard: 'Posten på ett kort att skriva ut eller skicka vidare, tillgänglig PDF.',
    pdfBrief: 'Försättsblad, innehållsförteckning och ett kort per post, tillgänglig PDF.',
    md: 'Text med rubriker, att klistra in eller redigera vidare.',
    mdBrief: 'Alla poster i en textfil med rubriker och innehållsförteckning.',
    html: 'En fristående webbsida.',
    htmlBrief: 'Alla poster på en fristående webbsida.',
    json: 'Utbytesformatet, för att läsa in posten i ett annat bibliotek.',
    csv: 'En rad per post, för kalkylblad. Kan importeras igen.',
    xlsx: 'En rad per post, för Excel. Kan importeras igen.',
  },
  exportTitleLabel: 'Rubrik på sammanställningen',
  exportTitleHint: 'Står överst, före innehållsförteckningen. Lämnar du fältet tomt blir rubriken',
  /** The brief's title when none is given (the export's own, always Swedish), quoted. */
  exportTitleDefault: '”Goda exempel från Exempelbanken”.',
  exportHitsTitle: (what: string) => `Goda exempel: ${what}`,
  exportColumnsLegend: 'Kolumner',
  exportColumnsHint: 'Kolumnerna får samma namn som importen läser, så att filen kan importeras igen.',
  exportColumnsDefault: 'Återställ standardkolumnerna',
  exportColumnsAll: 'Markera alla',
  exportColumnsNone: 'Välj minst en kolumn.',
  exportColumnContactsOff: 'Tas inte med utan kontaktuppgifter.',
  exportColumns: {
    id: 'Id',
    uid: 'Uid',
    title: 'Rubrik',
    kind: 'Typ',
    status: 'Status',
    summary: 'Sammanfattning',
    focus_areas: 'Fokusområden',
    municipalities: 'Kommuner',
    lan: 'Län',
    organisations: 'Organisationer',
    stage: 'Skede',
    novelty: 'Nyhetsgrad',
    start: 'Startår',
    end: 'Slutår',
    goals: 'Agenda 2030-mål',
    tags: 'Nyckelord',
    sources: 'Källor',
    contacts: 'Kontakter',
    challenge: 'Utmaning och behov',
    solution: 'Lösning och genomförande',
    results: 'Resultat och effekter',
    lessons: 'Lärdomar',
    dissemination: 'Spridning',
  },
  exportNoContacts: 'Utan kontaktuppgifter (personuppgifter)',
  exportNoContactsHint: 'Kontaktpersonernas namn, roll, e-post och telefon tas inte med.',
  exportWillDownload: 'Filen hämtas till din dator.',
  exportPublishedOnly: 'Filen hämtas till din dator. Bara publicerade poster kan exporteras här.',
  exportSkipped: (n: number) =>
    `${n === 1 ? '1 post' : `${count(n)} poster`} i listan finns inte längre i biblioteket och tas inte med.`,
  exportRun: 'Exportera',
  exportClose: 'Stäng',
  exportSelecting: 'Hämtar träffarna …',
  exportWorking: 'Exporterar …',
  exportProgressLabel: 'Exportens förlopp',
  exportSaved: (path: string) => `Sparad: ${path}`,
  exportDownloaded: (name: string) => `Hämtad: ${name}`,
  exportNotSaved: 'Ingen fil sparades.',
  exportNothing: 'Det finns inga poster att exportera.',
  cancelled: 'Avbrutet – inget sparades.',
  bytesUnit: 'byte',
  bundlesHeading: 'Paket',
  bundlesIntro:
    'Ett paket är en signerad fil med poster och bilagor, för att dela med ett annat bibliotek. Den som tar emot paketet ser vem som har signerat det och vad importen gör innan något sparas.',
  bundleCreateHeading: 'Skapa ett paket',
  bundleCreateHint:
    'Paketet får bibliotekets alla publicerade poster med sina bilagor. Utkast, poster under granskning, arkiverade poster och dina personliga anteckningar tas inte med. Du väljer var filen sparas.',
  bundleCreateHintDownload:
    'Paketet får bibliotekets alla publicerade poster med sina bilagor. Utkast, poster under granskning, arkiverade poster och dina personliga anteckningar tas inte med. Webbläsaren hämtar filen som en nedladdning.',
  bundleCreate: 'Skapa paket av hela biblioteket',
  bundleCreating: 'Skapar paketet …',
  bundleCreated: 'Paketet är skapat',
  bundleFile: 'Fil',
  bundleEntries: 'Poster',
  bundleAttachmentsLabel: 'Bilagor',
  bundleSize: 'Storlek',
  bundleSigner: 'Signerat av',
  bundleKey: (key: string) => `nyckel ${key.slice(0, 16)}…`,
  bundleMissing: (n: number) =>
    `${n === 1 ? '1 bilaga saknas' : `${count(n)} bilagor saknas`} i biblioteket och kom inte med.`,
  bundleImportHeading: 'Importera ett paket',
  bundleImportHint:
    'Välj en paketfil. Först visas vad importen skulle göra med varje post; inget sparas förrän du väljer Importera.',
  bundleImport: 'Välj paket …',
  bundleImportHintUpload:
    'Välj en paketfil och provkör den. Först visas vad importen skulle göra med varje post; inget sparas förrän du väljer Importera.',
  bundleFileLabel: 'Paketfil',
  bundleFileHint: 'En zip-fil som Exempelbanken har skapat.',
  bundleDryRun: 'Provkör paketet',
  bundleChooseFile: 'Välj en paketfil först.',
  bundleChecking: 'Kontrollerar paketet …',
  bundleImporting: 'Importerar paketet …',
  bundleProgressLabel: 'Paketets förlopp',
  bundleTrustHeading: 'Lita på avsändaren?',
  bundleTrustQuestion: (name: string) =>
    name === ''
      ? 'Paketet är signerat av någon som biblioteket inte litar på ännu. Lita på avsändaren?'
      : `Paketet är signerat av ”${name}”. Lita på avsändaren?`,
  bundleTrustKey: (key: string) => `Avsändarens nyckel börjar med ${key}.`,
  bundleTrustAdvice:
    'Lita bara på avsändaren om du vet att paketet kommer från dem. Biblioteket kommer ihåg avsändaren när du importerar paketet.',
  bundleTrustConfirm: 'Lita på avsändaren',
  bundleUntrusted: (name: string) =>
    name === ''
      ? 'Paketet är signerat av någon som biblioteket inte litar på ännu. Inget har importerats.'
      : `Paketet är signerat av ”${name}”, som biblioteket inte litar på ännu. Inget har importerats.`,
  bundleTrustAgain: 'Lita på avsändaren …',
  bundleAttachments: (n: number) => (n === 1 ? '1 bilaga' : `${count(n)} bilagor`),
  bundleCaption: (file: string) => `Posterna i ${file}`,
  bundleRun: 'Importera',

  // The accessibility statement (#/tillganglighet), in the form DIGG asks for.
  a11yLink: 'Tillgänglighetsredogörelse',
  a11yHeading: 'Tillgänglighetsredogörelse',
  a11yIntro:
    'Exempelbanken drivs av den organisation som står bakom det här biblioteket. Vi vill att så många som möjligt ska kunna använda Exempelbanken. Här beskriver vi hur den uppfyller lagen (2018:1937) om tillgänglighet till digital offentlig service, vilka brister vi känner till och hur du kan rapportera problem, så att vi kan åtgärda dem.',
  a11yStatusHeading: 'Hur tillgänglig är Exempelbanken?',
  a11yStatus:
    'Exempelbanken är delvis förenlig med lagen om tillgänglighet till digital offentlig service, på grund av de brister som beskrivs nedan.',
  a11yStandard: 'Vi följer WCAG 2.1 på nivå AA, genom den harmoniserade standarden EN 301 549.',
  a11yShortcomingsHeading: 'Innehåll som inte är tillgängligt',
  a11yShortcomingsIntro: 'Det här känner vi till och har ännu inte åtgärdat:',
  a11yCriteria: (criteria: string[]) =>
    criteria.length === 0
      ? 'Inget framgångskriterium i WCAG; en fråga om användbarhet.'
      : `Bryter mot WCAG 2.1, framgångskriterium ${criteria.join(', ')}.`,
  a11yShortcomings: {
    contentLanguageInNames:
      'Namn på fokusområden, län och kommuner är svenska även i den engelska versionen. De är märkta som svenska där de står som text, men inte där de ingår i en knapps eller ett diagrams tillgängliga namn (till exempel knapparna som tar bort ett valt filter eller byter namn på ett fokusområde, och diagrammens beskrivningar).',
  },
  a11yReportHeading: 'Rapportera brister',
  a11yReport:
    'Om du stöter på problem som inte beskrivs här, eller om du behöver innehåll i ett annat format, kontakta den organisation som driver det här biblioteket. Berätta vilken sida det gäller och vad som inte fungerar.',
  a11yOversightHeading: 'Tillsyn',
  a11yOversight:
    'Myndigheten för digital förvaltning (Digg) har ansvaret för tillsyn över lagen om tillgänglighet till digital offentlig service. Om du inte är nöjd med hur dina synpunkter hanteras kan du kontakta Digg och påtala det.',
  a11yTestingHeading: 'Hur vi har testat Exempelbanken',
  a11yTesting:
    'Vi har granskat Exempelbanken själva: med automatiska tester (axe-core) av varje sida i ljust och mörkt tema, och genom egen granskning mot kraven i WCAG 2.1 på nivå AA.',
  a11yReviewed: (date: string) => `Redogörelsen granskades senast den ${date}.`,

  // Logging in to a team library (#/logga-in), the account in the header, "Mitt konto"
  // (#/mitt-konto) and, for a redaktör, "Konton" (#/konton) with the audit log
  loginHeading: 'Logga in',
  loginIntro: 'Logga in med ditt namn och ditt lösenord för att använda Exempelbanken.',
  loginIntroOpen: 'Alla kan läsa de publicerade posterna. Logga in för att skriva, granska eller redigera.',
  loginName: 'Namn',
  loginPassword: 'Lösenord',
  loginButton: 'Logga in',
  loggingIn: 'Loggar in …',
  loginNameMissing: 'Skriv ditt namn.',
  loginPasswordMissing: 'Skriv ditt lösenord.',
  loginExpired: 'Du har blivit utloggad, till exempel för att du inte har använt Exempelbanken på en stund. Logga in igen för att fortsätta.',
  loginContinueReading: 'Fortsätt utan att logga in',
  loginUnavailable: 'Här behöver du inte logga in: inloggning finns bara när Exempelbanken körs gemensamt för flera.',
  navLogin: 'Logga in',
  accountLabel: 'Ditt konto',
  signedInAs: 'Inloggad som',
  navMyAccount: 'Mitt konto',
  logout: 'Logga ut',
  loggedOut: 'Du är utloggad.',
  roleNotAllowed: 'Ditt konto har inte behörighet till den här sidan.',
  curationIntroWriter: 'Här ser du alla poster oavsett status: utkast, poster under granskning och arkiverade poster.',
  editNotAllowed: (status: string) =>
    `Posten har status ${status.toLowerCase()}. Bara en granskare eller redaktör kan ändra den.`,
  roleLabels: {
    läsare: 'Läsare',
    skribent: 'Skribent',
    granskare: 'Granskare',
    redaktör: 'Redaktör',
  } satisfies Record<Role, string>,
  roleAbilities: {
    läsare: 'Du kan läsa de publicerade posterna.',
    skribent: 'Du kan skriva nya poster, ändra utkast och poster under granskning, och skicka utkast till granskning.',
    granskare: 'Du kan ändra alla poster, publicera, arkivera och skicka tillbaka poster till utkast, och återställa äldre revisioner.',
    redaktör: 'Du kan allt som en granskare kan, och dessutom sköta fokusområden, import, papperskorgen, personuppgifter och kontona.',
  } satisfies Record<Role, string>,
  myAccountHeading: 'Mitt konto',
  myAccountIntro: (name: string, role: string) => `Du är inloggad som ${name} med rollen ${role.toLowerCase()}.`,
  myAccountUnavailable: 'Mitt konto finns när du är inloggad i en gemensam Exempelbank.',
  passwordHeading: 'Byt lösenord',
  passwordOld: 'Nuvarande lösenord',
  passwordNew: 'Nytt lösenord',
  passwordRepeat: 'Upprepa det nya lösenordet',
  passwordHint: (min: number) =>
    `Minst ${min} tecken. Några ord i följd är lätta att minnas och svåra att gissa.`,
  passwordOldMissing: 'Skriv ditt nuvarande lösenord.',
  passwordTooShort: (min: number) => `Lösenordet ska ha minst ${min} tecken.`,
  passwordMismatch: 'Lösenorden är inte lika. Skriv samma nya lösenord båda gångerna.',
  passwordSave: 'Byt lösenord',
  passwordChanged: 'Lösenordet är bytt. Om du var inloggad någon annanstans är du utloggad där.',
  navAccounts: 'Konton',
  accountsHeading: 'Konton',
  accountsIntro:
    'Vilka som kan logga in i Exempelbanken och vad de får göra, och en logg över inloggningar och ändringar av konton.',
  accountsUnavailable: 'Kontona sköts av en redaktör, när Exempelbanken körs gemensamt för flera.',
  accountsContents: 'Innehåll på sidan',
  accountsListHeading: 'Alla konton',
  accountsCaption: (n: number) => (n === 1 ? '1 konto' : `${count(n)} konton`),
  columnAccountName: 'Namn',
  columnRole: 'Roll',
  columnLastLogin: 'Senaste inloggning',
  columnAccountState: 'Status',
  accountActive: 'Aktivt',
  accountDisabledState: 'Avstängt',
  neverLoggedIn: 'Aldrig',
  accountYou: '(du)',
  accountRoleFor: (name: string) => `Roll för ${name}`,
  accountSaveRole: 'Byt roll',
  accountDisable: 'Stäng av',
  accountEnable: 'Aktivera',
  accountResetPassword: 'Nytt lösenord …',
  accountResetLabel: (name: string) => `Nytt lösenord för ${name}`,
  accountResetSave: 'Spara lösenordet',
  accountSameRole: (name: string, role: string) => `${name} har redan rollen ${role.toLowerCase()}.`,
  accountRoleChanged: (name: string, role: string) => `${name} har nu rollen ${role.toLowerCase()}.`,
  accountDisabledDone: (name: string) => `Kontot ${name} är avstängt och utloggat överallt.`,
  accountEnabledDone: (name: string) => `Kontot ${name} är aktiverat igen.`,
  accountPasswordReset: (name: string) =>
    `${name} har fått ett nytt lösenord och är utloggat överallt. Ge lösenordet till personen på ett säkert sätt.`,
  accountAddHeading: 'Lägg till ett konto',
  accountAddName: 'Namn',
  accountAddNameHint: 'Det namn personen loggar in med. Det står också i postens historik vid varje ändring.',
  accountAddRole: 'Roll',
  accountAddPassword: 'Första lösenord',
  accountAddPasswordHint: (min: number) =>
    `Minst ${min} tecken. Ge det till personen på ett säkert sätt; hen kan byta det under Mitt konto.`,
  accountAdd: 'Lägg till kontot',
  accountAdded: (name: string, role: string) => `Kontot ${name} lades till med rollen ${role.toLowerCase()}.`,
  accountNameMissing: 'Skriv ett namn (högst 64 tecken).',
  auditHeading: 'Logg',
  auditIntro: 'Inloggningar, misslyckade inloggningar och ändringar av konton, de senaste först.',
  auditCaption: (n: number) => (n === 1 ? '1 händelse' : `De senaste ${count(n)} händelserna`),
  auditEmpty: 'Loggen är tom.',
  auditRefresh: 'Uppdatera loggen',
  columnAuditTime: 'Tid',
  columnAuditEvent: 'Händelse',
  columnAuditActor: 'Vem',
  columnAuditDetail: 'Detaljer',
  columnAuditAddress: 'Adress',
  auditEvents: {
    login: 'Inloggning',
    login_failed: 'Misslyckad inloggning',
    logout: 'Utloggning',
    account_added: 'Konto tillagt',
    role_changed: 'Ny roll',
    account_disabled: 'Konto avstängt',
    account_enabled: 'Konto aktiverat',
    password_reset: 'Lösenord återställt',
    password_changed: 'Lösenord bytt',
  } satisfies Record<AuditEventName, string>,

  // Subscriptions ("Prenumerationer"): the libraries this one follows (the owner's).
  navSubscriptions: 'Prenumerationer',
  incomingHeading: 'Inkommande versioner',
  incomingIntro:
    'När ett annat bibliotek skickar en nyare version av en post som har ändrats här behålls er version, och deras väntar här på granskning. Jämför ändringarna och välj. Tar ni in deras version finns er kvar i postens historik.',
  incomingNone: 'Inga inkommande versioner väntar.',
  incomingCount: (n: number) =>
    n === 1 ? '1 inkommande version väntar.' : `${count(n)} inkommande versioner väntar.`,
  incomingFrom: 'Från',
  incomingUnknownSource: 'ett paket',
  incomingRevision: 'Revision hos avsändaren',
  incomingChangesHeading: 'Det här ändras om ni tar in deras version',
  incomingDiffLegend:
    'Överstruken röd text finns bara i er version, understruken grön text bara i deras.',
  incomingNoChanges: 'Versionerna har samma innehåll.',
  incomingAccept: 'Ta in deras version',
  incomingDiscard: 'Behåll vår version',
  incomingWorking: 'Sparar …',
  incomingActionsFor: (title: string) => `Val för ${title}`,
  incomingAccepted: (title: string, revision: number) =>
    `Deras version av ”${title}” är nu postens revision ${revision}. Er tidigare version finns kvar i historiken.`,
  incomingDiscarded: (title: string) => `Ni behåller er version av ”${title}”. Den inkommande versionen är borttagen.`,
  incomingDiscardHeading: (title: string) => `Behålla er version av ”${title}”?`,
  incomingDiscardQuestion: (source: string) =>
    `Den inkommande versionen från ${source} tas bort och posten ändras inte. Skickar avsändaren en ännu nyare version hamnar den här igen.`,
  incomingNotice: (source: string) => `En nyare version från ${source} väntar på granskning.`,
  incomingNoticeLink: 'Granska den',
  incomingShowAll: 'Visa inkommande versioner',

  subscriptionsHeading: 'Prenumerationer',
  subscriptionsIntro:
    'Bibliotek som det här följer. Nya och ändrade exempel hämtas av sig själva när programmet har varit igång en stund och sedan var tredje timme. Går en källa inte att nå fortsätter allt att fungera som vanligt, och hämtningen görs nästa gång.',
  subscriptionsUnavailable:
    'Prenumerationer sköts av bibliotekets ägare: i programmet Exempelbanken eller med exempelbank serve --write på den egna datorn.',
  subscriptionsContents: 'Innehåll på sidan',
  subscriptionsListHeading: 'Bibliotek du följer',
  subscriptionsNone: 'Du följer inga andra bibliotek ännu.',
  subscriptionsCount: (n: number) => (n === 1 ? 'Du följer 1 bibliotek.' : `Du följer ${count(n)} bibliotek.`),
  subscriptionPullAll: 'Hämta alla nu',
  subscriptionPullOne: 'Hämta nu',
  subscriptionPulling: 'Hämtar …',
  subscriptionShowEntries: 'Visa exemplen',
  subscriptionRemove: 'Sluta följa …',
  subscriptionSource: 'Källa',
  subscriptionSourceKind: { server: 'server', folder: 'mapp' } satisfies Record<'server' | 'folder', string>,
  subscriptionSigner: 'Signerare',
  subscriptionFingerprint: 'Fingeravtryck',
  subscriptionLastPulled: 'Senast hämtad',
  subscriptionNever: 'aldrig',
  subscriptionEntries: 'Exempel härifrån',
  subscriptionWaiting: 'Väntar på granskning',
  subscriptionWaitingCount: (n: number) =>
    n === 1 ? '1 inkommande version väntar på granskning' : `${count(n)} inkommande versioner väntar på granskning`,
  subscriptionState: 'Läge',
  subscriptionOk: 'Allt i ordning',
  subscriptionNotYet: 'Inte hämtad ännu',
  subscriptionUnreachable: (when: string, problem: string) =>
    when === '' ? `Har inte nåtts ännu · ${problem}` : `Senast nådd ${when} · nås inte just nu: ${problem}`,
  subscriptionActionsFor: (name: string) => `Åtgärder för ${name}`,
  subscriptionPullFailed: (message: string) => `Hämtningen gick inte: ${message}`,
  subscriptionRemoveHeading: (name: string) => `Sluta följa ${name}?`,
  subscriptionRemoveQuestion: (n: number) =>
    n === 1
      ? '1 exempel i biblioteket kom därifrån. Vill du behålla det eller flytta det till papperskorgen?'
      : `${count(n)} exempel i biblioteket kom därifrån. Vill du behålla dem eller flytta dem till papperskorgen?`,
  subscriptionRemoveNoEntries: 'Inga exempel i biblioteket kom därifrån.',
  subscriptionRemoveKeep: 'Sluta följa, behåll exemplen',
  subscriptionRemoveTrash: 'Sluta följa, flytta dem till papperskorgen',
  subscriptionRemoveOnly: 'Sluta följa',
  subscriptionRemoved: (name: string, kept: number, trashed: number) =>
    `Du följer inte längre ${name}.` +
    (trashed > 0
      ? ` ${trashed === 1 ? '1 exempel' : `${count(trashed)} exempel`} flyttades till papperskorgen.`
      : '') +
    (kept > 0 ? ` ${kept === 1 ? '1 exempel finns kvar' : `${count(kept)} exempel finns kvar`} i biblioteket.` : ''),
  followHeading: 'Följ ett bibliotek',
  followIntro:
    'Skriv adressen till ett annat biblioteks Exempelbanken (https://…) eller sökvägen till en mapp som exempelbank bundle publish skriver. Du får se vem som signerar exemplen innan du bestämmer dig.',
  followSource: 'Adress eller mapp',
  followSourceHint: 'Till exempel https://exempel.region.example/ eller /media/delat/exempelbanken',
  followName: 'Namn (frivilligt)',
  followNameHint: 'Namnet exemplen visar som sin källa. Lämnar du det tomt används signerarens namn.',
  followPeek: 'Hämta uppgifter',
  followPeeking: 'Hämtar uppgifter …',
  followSourceMissing: 'Skriv en adress eller en sökväg.',
  followInfoHeading: 'Uppgifter från källan',
  followCompareBefore: 'Jämför fingeravtrycket med det som källans ägare ser med ',
  followCompareAfter: '.',
  followTrust: 'Lita på och följ',
  followCancel: 'Avbryt',
  followSubscribing: 'Följer och hämtar …',
  followDone: (name: string) => `Du följer nu ${name}.`,
  // The background pulls' notice, on every page.
  pullNoticeLabel: 'Nytt från bibliotek du följer',
  pullNoticeLink: 'Visa prenumerationerna',
  pullNoticeDismiss: 'Stäng',
  // An entry's origin, on its page.
  entryOriginLine: (source: string, when: string) => `Kom från: ${source} · mottagen ${when}`,
  entryOriginChanged: 'ändrad här sedan dess',
  // The search's filter by source.
  sourceFilterChip: (name: string) => `Källa: ${name}`,

  // Names of the model's fixed values (the interface's words, not content). Swedish ones are the
  // taxonomy's labels (assets/taxonomy, checked by vocabulary.test.ts); focus areas, counties and
  // municipalities are content and keep their Swedish names in every language.
  kindLabels: {
    exempel: 'Exempel',
    metod: 'Metod eller verktyg',
    natverk: 'Nätverk',
    rapport: 'Rapport eller studie',
    evenemang: 'Evenemang eller arena',
    styrdokument: 'Styrdokument eller överenskommelse',
  } satisfies Record<Kind, string>,
  stageLabels: {
    ide: 'Idé',
    pilot: 'Test/pilot',
    inforande: 'Införande',
    spridning: 'Spridning',
    avslutad: 'Avslutad',
  } satisfies Record<Stage, string>,
  noveltyLabels: {
    organisation: 'Ny för organisationen',
    marknad: 'Ny för marknaden',
    varld: 'Ny för världen',
  } satisfies Record<Novelty, string>,
  statusLabels: {
    utkast: 'Utkast',
    granskning: 'Granskning',
    publicerad: 'Publicerad',
    arkiverad: 'Arkiverad',
  } satisfies Record<Status, string>,
  languageLabels: {
    sv: 'Svenska',
    en: 'Engelska',
    da: 'Danska',
    no: 'Norska',
    fi: 'Finska',
  } satisfies Record<Language, string>,
  orgTypeLabels: {
    kommun: 'Kommun',
    region: 'Region',
    myndighet: 'Myndighet',
    akademi: 'Akademi',
    naringsliv: 'Näringsliv',
    ideell: 'Ideell sektor',
    annan: 'Annan',
  } satisfies Record<OrgType, string>,
  // ---- Spridning (uptakes): the entry's section, its map, the editor's fieldset, Översikt's map
  /** "16 kommuner", "1 region": organisations of one type, counted (crates/model OrgType::counted). */
  spreadCounted: (type: OrgType, n: number) => {
    const [one, many] = {
      kommun: ['kommun', 'kommuner'],
      region: ['region', 'regioner'],
      myndighet: ['myndighet', 'myndigheter'],
      akademi: ['lärosäte', 'lärosäten'],
      naringsliv: ['företag', 'företag'],
      ideell: ['ideell organisation', 'ideella organisationer'],
      annan: ['annan organisation', 'andra organisationer'],
    }[type];
    return `${count(n)} ${n === 1 ? one : many}`;
  },
  /** "a", "a och b", "a, b och c". */
  spreadJoin: (items: string[]) =>
    items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} och ${items.at(-1)}`,
  spreadSummary: (who: string, years: string) => `Tagits upp av ${who}${years ? `, ${years}` : ''}`,
  spreadHeading: 'Var exemplet har tagits upp',
  spreadIntro: 'Organisationer som har tagit upp exemplet, enligt källorna. Antal läggs inte ihop, eftersom källorna kan räkna samma organisationer.',
  spreadNone: 'Ingen spridning registrerad ännu. Lägg till den i redigeraren under ”Spridning”.',
  spreadTableCaption: 'Spridning: organisationer som har tagit upp exemplet',
  spreadColOrganisation: 'Organisation',
  spreadColType: 'Typ',
  spreadColStage: 'Skede',
  spreadColDate: 'När',
  spreadColSource: 'Källa',
  spreadColNote: 'Anteckning',
  spreadCountedRow: (n: number) => `${count(n)} (antal, inga namn)`,
  spreadTimelineHeading: 'Tidslinje',
  spreadTimelineNone: 'Ingen av uppgifterna har ett datum.',
  spreadMapHeading: 'Karta',
  spreadMapOrigin: 'Härifrån kommer exemplet',
  spreadMapUnplaced: (who: string) => `${who} utan angiven ort visas bara i tabellen.`,
  spreadMapNothing: 'Ingen av organisationerna har en kommun eller ett län angivet, så kartan visar bara varifrån exemplet kommer.',
  spreadMapLegend: 'Teckenförklaring',
  mapSource: 'Kartdata: okfse/sweden-geojson (förenklad från Valmyndighetens data), förenklad för att rita, inte för att mäta.',
  mapLoading: 'Laddar kartan …',
  mapFailed: 'Kartan kunde inte laddas. Uppgifterna finns i tabellen.',
  // The editor's fieldset
  formUptakes: 'Var exemplet har tagits upp',
  uptakesHint: 'Vilka som har tagit upp exemplet, enligt en källa. Välj en kommun eller ett län, skriv en annan organisations namn, eller ange bara ett antal när källan inte namnger dem.',
  uptakeN: (n: number) => `Spridning ${n}`,
  addUptake: 'Lägg till spridning',
  uptakeKind: 'Vem',
  uptakeKindPlace: 'Kommun eller region (län)',
  uptakeKindNamed: 'Annan organisation, med namn',
  uptakeKindCounted: 'Antal, utan namn',
  uptakePlace: 'Kommun eller län',
  uptakePlaceHint: 'Skriv namnet eller SCB-koden och välj i listan.',
  uptakePlaceFound: (name: string, code: string) => `${name} (${code})`,
  uptakePlaceNotFound: 'Ingen kommun eller inget län med det namnet eller den koden.',
  uptakeOrganisation: 'Organisationens namn',
  uptakeType: 'Typ av organisation',
  uptakeCount: 'Antal',
  uptakeStage: 'Skede',
  uptakeDate: 'Datum eller år',
  uptakeDateHint: 'ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD; tomt om källan inte säger.',
  uptakeSource: 'Källa',
  uptakeNote: 'Anteckning',
  // Översikt's map
  overviewMapHeading: 'Karta över Sverige',
  overviewMapNote: 'Hela biblioteket per kommun eller län. Klicka på ett område, eller på en länk i tabellen, för att söka dess poster.',
  overviewMapLevel: 'Indelning',
  overviewMapLevelLan: 'Län',
  overviewMapLevelMunicipality: 'Kommun',
  overviewMapMeasure: 'Visa',
  overviewMapMeasureFrom: 'Poster därifrån',
  overviewMapMeasureSpread: 'Poster som tagits upp där',
  overviewMapColumnLan: 'Län',
  overviewMapColumnMunicipality: 'Kommun',
  overviewMapNone: 'Inga poster att visa på kartan.',
  overviewMapLegendZero: '0',
  uptakeStageLabels: {
    intresserad: 'Intresserad',
    planerar: 'Planerar',
    testar: 'Testar',
    infort: 'Infört',
    avslutat: 'Avslutat',
  } satisfies Record<'intresserad' | 'planerar' | 'testar' | 'infort' | 'avslutat', string>,
  // ---- end Spridning
  /** Agenda 2030's goals by number (the Swedish names the UN and the government use). */
  goalNames: {
    1: 'Ingen fattigdom',
    2: 'Ingen hunger',
    3: 'Hälsa och välbefinnande',
    4: 'God utbildning för alla',
    5: 'Jämställdhet',
    6: 'Rent vatten och sanitet för alla',
    7: 'Hållbar energi för alla',
    8: 'Anständiga arbetsvillkor och ekonomisk tillväxt',
    9: 'Hållbar industri, innovationer och infrastruktur',
    10: 'Minskad ojämlikhet',
    11: 'Hållbara städer och samhällen',
    12: 'Hållbar konsumtion och produktion',
    13: 'Bekämpa klimatförändringarna',
    14: 'Hav och marina resurser',
    15: 'Ekosystem och biologisk mångfald',
    16: 'Fredliga och inkluderande samhällen',
    17: 'Genomförande och globalt partnerskap',
  } satisfies Record<number, string>,
};

/** The shape of a language catalogue: the Swedish one is the reference. */
export type Messages = typeof sv;
