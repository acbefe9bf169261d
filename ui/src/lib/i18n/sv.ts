// Every string the UI shows, in Swedish. `en.ts` has the same keys (its type is `Messages`).
// The names of the model's fixed values (kinds, stages, ...) are here too; focus areas, counties
// and municipalities are content (the library's taxonomy) and are not.
import type { Kind } from '../../bindings/Kind';
import type { Novelty } from '../../bindings/Novelty';
import type { OrgType } from '../../bindings/OrgType';
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
  noHitsAdvice: 'Prova att ta bort ett filter, använda färre ord eller kontrollera stavningen.',
  clearFilters: 'Rensa alla filter',
  showMore: (shown: number, total: number) => `Visa fler (${count(shown)} av ${count(total)} visas)`,
  sortLabel: 'Sortera',
  sortRelevance: 'Mest relevant',
  sortNewest: 'Senast uppdaterad',
  hitList: 'Träffar',
  hitKind: 'Typ',
  hitOrganisations: 'Organisationer',
  hitPlaces: 'Platser',
  hitYears: 'År',
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
  facetKind: 'Typ',
  facetStage: 'Skede',
  facetYear: 'År',
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
  factContacts: 'Kontakt',
  sourcesHeading: 'Källor',
  seeAlsoHeading: 'Se även',
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
    `Så fördelar sig bibliotekets ${count(n)} publicerade poster. Välj ett namn i en tabell för att se posterna.`,
  chartFocus: 'Poster per fokusområde',
  chartLan: 'Poster per län',
  chartYear: 'Poster per år',
  chartStage: 'Poster per skede',
  chartFocusNote: 'En post kan höra till flera fokusområden.',
  chartLanNote: 'En post räknas i varje län den gäller.',
  chartYearNote: 'En post räknas varje år den pågick.',
  chartStageNote: 'Skedena i den ordning ett arbete går igenom dem.',
  chartDescription: (title: string, rows: number) =>
    `Stapeldiagram: ${title.toLowerCase()}, ${rows} staplar. Siffrorna finns i tabellen under diagrammet.`,
  showTable: 'Visa som tabell',
  columnCount: 'Antal poster',
  columnFocus: 'Fokusområde',
  columnLan: 'Län',
  columnYear: 'År',
  columnStage: 'Skede',
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
  placesHint: 'Skriv kommunens namn eller SCB-kod och välj i listan, eller välj bara ett län.',
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
  importMapping: 'Kolumnmappning (frivillig)',
  importMappingHint:
    'Behövs bara för kolumner som inte heter som fälten. Skriv Kolumn=fält, med semikolon eller ny rad emellan. Med ett minustecken som fält hoppas kolumnen över.',
  importMappingExample: 'Exempel:',
  importFieldsLabel: 'Fält:',
  importDryRun: 'Provkör',
  importRun: 'Importera',
  importRunHint:
    'Importera går att välja efter en provkörning av samma fil och mappning där ingen rad avvisas.',
  importChooseFile: 'Välj en fil först.',
  importDryRunning: 'Provkör importen …',
  importRunning: 'Importerar …',
  importCaption: (file: string) => `Raderna i ${file}`,
  writeReportDry: 'Provkörning – inget har sparats',
  writeReportDone: 'Importen är klar',
  writeReportNotDone: 'Inget importerades',
  writeReadyNote: 'Inget avvisas. Välj Importera för att spara posterna.',
  writeRejectedNote: 'Inget sparas när en rad avvisas. Rätta de avvisade raderna i filen och provkör igen.',
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
  exportTitleHint: 'Står överst, före innehållsförteckningen. Lämnar du fältet tomt blir rubriken ”Goda exempel från Exempelbanken”.',
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
      'Namn på fokusområden, län och kommuner är svenska även i den engelska versionen. De är märkta som svenska där de står som text, men inte där de ingår i en knapps eller ett diagrams tillgängliga namn (till exempel knapparna som tar bort ett valt filter, och diagrammens beskrivningar), och inte i redigeraren eller på sidan Redaktion.',
    didYouMean:
      'En sökning utan träffar föreslår inga närliggande sökord (”Menade du …?”).',
    silentCorrection:
      'Sökningen rättar stavfel utan att säga det: träffarna kan gälla ett annat ord än det du skrev, utan att det framgår.',
    chartsMissingValues:
      'Diagrammen på sidan Översikt säger inte hur många poster som saknar ett värde (till exempel län, år eller skede) och därför inte räknas.',
    reflowCuratorTables:
      'I 320 pixlars bredd blir sidorna Redaktion och Papperskorg bredare än fönstret (tabellerna), och så blir också en posts sida för den som får redigera när textavståndet ökas (fältet för en kommentar till statusändringen).',
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
  orgTypeLabels: {
    kommun: 'Kommun',
    region: 'Region',
    myndighet: 'Myndighet',
    akademi: 'Akademi',
    naringsliv: 'Näringsliv',
    ideell: 'Ideell sektor',
    annan: 'Annan',
  } satisfies Record<OrgType, string>,
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
