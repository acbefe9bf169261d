// Every string the UI shows, in Swedish. `en.ts` has the same keys (its type is `Messages`).
// Labels of taxonomy values (kinds, stages, focus areas, counties, ...) come from the library's
// taxonomy instead, so they are not here.

const count = (n: number) => n.toLocaleString('sv-SE');

export const sv = {
  appName: 'Exempelbanken',
  tagline: 'Goda exempel på innovation i offentlig sektor',
  skipToContent: 'Hoppa till innehållet',

  searchLabel: 'Sök bland exemplen',
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
  switchLanguage: 'Switch to English',

  // Start page
  browseHeading: 'Bläddra bland fokusområden',
  browseIntro: 'Välj ett område för att se alla exempel inom det.',
  newestHeading: 'Senast uppdaterade',
  showAllNewest: 'Visa alla, senast uppdaterade först',
  noEntriesYet: 'Inga exempel ännu',
  entryCount: (n: number) => `${count(n)} exempel`,
  updatedOn: (date: string) => `Uppdaterad ${date}`,
  savedQuickHeading: 'Dina sparade sökningar',
  manageSaved: 'Hantera under Mina listor',
  allSaved: (n: number) => `Alla ${count(n)} sparade sökningar, under Mina listor`,

  // Results
  resultsHeading: 'Sökresultat',
  hitCount: (n: number) => (n === 1 ? '1 träff' : `${count(n)} träffar`),
  hitCountFor: (n: number, query: string) =>
    `${n === 1 ? '1 träff' : `${count(n)} träffar`} för ”${query}”`,
  searching: 'Söker …',
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
  loadingEntry: 'Hämtar exemplet …',
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
    `Så fördelar sig bibliotekets ${count(n)} publicerade exempel. Välj ett namn i en tabell för att se exemplen.`,
  chartFocus: 'Exempel per fokusområde',
  chartLan: 'Exempel per län',
  chartYear: 'Exempel per år',
  chartStage: 'Exempel per skede',
  chartFocusNote: 'Ett exempel kan höra till flera fokusområden.',
  chartLanNote: 'Ett exempel räknas i varje län det gäller.',
  chartYearNote: 'Ett exempel räknas varje år det pågick.',
  chartStageNote: 'Skedena i den ordning ett arbete går igenom dem.',
  chartDescription: (title: string, rows: number) =>
    `Stapeldiagram: ${title.toLowerCase()}, ${rows} staplar. Siffrorna finns i tabellen under diagrammet.`,
  showTable: 'Visa som tabell',
  columnCount: 'Antal exempel',
  columnFocus: 'Fokusområde',
  columnLan: 'Län',
  columnYear: 'År',
  columnStage: 'Skede',
  noData: 'Inga uppgifter ännu.',

  // Footer and errors
  libraryInfo: (entries: number) => `Biblioteket innehåller ${count(entries)} poster.`,
  loading: 'Laddar …',
  errorHeading: 'Något gick fel',
  errorUnreachable: 'Kunde inte nå Exempelbanken. Kontrollera att programmet eller servern körs.',
  errorStatus: (status: number) => `Servern svarade med felkod ${status}.`,
  errorUnknown: 'Ett oväntat fel inträffade.',
  tryAgain: 'Försök igen',
  notFoundHeading: 'Sidan finns inte',
  goToStart: 'Gå till startsidan',
  pageTitle: (page: string) => `${page} – Exempelbanken`,
};

/** The shape of a language catalogue: the Swedish one is the reference. */
export type Messages = typeof sv;
