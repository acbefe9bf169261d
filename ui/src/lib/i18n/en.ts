// The English catalogue: the same keys as `sv.ts`, checked by the `Messages` type.
import type { Messages } from './sv';

const count = (n: number) => n.toLocaleString('en-GB');

export const en: Messages = {
  appName: 'Exempelbanken',
  tagline: 'Good examples of innovation in the public sector',
  skipToContent: 'Skip to content',

  searchLabel: 'Search the examples',
  searchPlaceholder: 'Search, e.g. food or welfare technology',
  searchHint: 'Press / or Ctrl+K to search',
  searchButton: 'Search',

  navLabel: 'Main menu',
  navStart: 'Home',
  navOverview: 'Overview',
  navLists: 'My lists',
  otherLanguage: 'Svenska',
  otherLanguageTag: 'sv',
  switchLanguage: 'Byt till svenska',

  browseHeading: 'Browse by focus area',
  browseIntro: 'Choose an area to see all examples in it.',
  newestHeading: 'Recently updated',
  showAllNewest: 'Show all, most recently updated first',
  noEntriesYet: 'No examples yet',
  entryCount: (n: number) => (n === 1 ? '1 example' : `${count(n)} examples`),
  updatedOn: (date: string) => `Updated ${date}`,
  savedQuickHeading: 'Your saved searches',
  manageSaved: 'Manage them under My lists',
  allSaved: (n: number) => `All ${count(n)} saved searches, under My lists`,

  resultsHeading: 'Search results',
  hitCount: (n: number) => (n === 1 ? '1 hit' : `${count(n)} hits`),
  hitCountFor: (n: number, query: string) =>
    `${n === 1 ? '1 hit' : `${count(n)} hits`} for “${query}”`,
  searching: 'Searching …',
  noHitsHeading: 'No hits',
  noHitsAdvice: 'Try removing a filter, using fewer words or checking the spelling.',
  clearFilters: 'Clear all filters',
  showMore: (shown: number, total: number) => `Show more (${count(shown)} of ${count(total)} shown)`,
  sortLabel: 'Sort',
  sortRelevance: 'Most relevant',
  sortNewest: 'Recently updated',
  hitList: 'Hits',
  hitKind: 'Kind',
  hitOrganisations: 'Organisations',
  hitPlaces: 'Places',
  hitYears: 'Years',
  saveSearch: 'Save the search',
  saveSearchName: 'Name of the search',
  saveSearchReplaces: 'There is already a saved search with that name. It will be replaced.',
  searchSaved: (name: string) => `The search was saved as “${name}”.`,
  findSavedIn: 'You will find it under',

  filtersHeading: 'Filter',
  facetFocus: 'Focus area',
  facetLan: 'County',
  facetKind: 'Kind',
  facetStage: 'Stage',
  facetYear: 'Year',
  yearFrom: 'From year',
  yearTo: 'To year',
  yearAny: 'Any year',
  activeFilters: 'Active filters',
  removeFilter: (label: string) => `Remove the filter ${label}`,
  yearRange: (from?: number, to?: number) =>
    from !== undefined && to !== undefined
      ? from === to
        ? `Year ${from}`
        : `Years ${from}–${to}`
      : from !== undefined
        ? `From ${from}`
        : `Until ${to ?? ''}`,
  showAll: (n: number) => `Show all (${count(n)})`,
  showFewer: 'Show fewer',

  backToResults: 'Back to the search results',
  backToStart: 'Back to the start page',
  backToLists: 'Back to My lists',
  loadingEntry: 'Loading the example …',
  sections: {
    challenge: 'Challenge and need',
    solution: 'Solution and implementation',
    results: 'Results and effects',
    lessons: 'Lessons learned',
    dissemination: 'Dissemination',
  },
  factsHeading: 'Facts',
  factFocus: 'Focus areas',
  factStage: 'Stage',
  factNovelty: 'Novelty',
  factOrganisations: 'Organisations',
  factPlaces: 'Places',
  factPeriod: 'Period',
  factGoals: 'Agenda 2030 goals',
  factTags: 'Keywords',
  factUpdated: 'Last updated',
  factContacts: 'Contact',
  sourcesHeading: 'Sources',
  seeAlsoHeading: 'See also',
  period: (start?: number, end?: number) =>
    start !== undefined && end !== undefined
      ? start === end
        ? `${start}`
        : `${start}–${end}`
      : start !== undefined
        ? `From ${start}`
        : end !== undefined
          ? `Until ${end}`
          : '',
  goal: (n: number, name: string) => `${n}. ${name}`,
  kindAndStatus: 'Kind and status',
  sourceLicence: (licence: string) => `Licence: ${licence}`,
  entryListsHeading: 'My lists',
  entryInLists: 'This entry is in',
  entryInNoList: 'This entry is in none of your lists.',
  saveToList: 'Save to a list',
  newListOption: 'New list …',
  newListName: 'Name of the new list',
  savedToList: (name: string) => `Saved to the list “${name}”.`,
  removedFromListNamed: (name: string) => `Removed from the list “${name}”.`,

  listsHeading: 'My lists',
  listsIntro: 'Your own lists of entries, and your saved searches. They are kept in your library.',
  listsUnavailable: 'Lists and saved searches are only in the Exempelbanken app, not in the web version.',
  listsSection: 'Lists',
  savedSection: 'Saved searches',
  noLists: 'You have no lists yet. Create one here, or save an entry to a new list from its page.',
  emptyList: 'The list is empty. Open an entry and choose “Save to a list”.',
  listCount: (n: number) => (n === 1 ? '1 entry' : `${count(n)} entries`),
  listEntries: (name: string) => `Entries in ${name}`,
  entryGone: 'The entry no longer exists',
  entryTitleError: (message: string) => `Could not load the entry: ${message}`,
  loadingTitle: 'Loading …',
  removeFromList: 'Remove from the list',
  renameList: 'Rename',
  renameListLabel: (name: string) => `New name of the list “${name}”`,
  deleteList: 'Delete the list',
  deleteListHeading: 'Delete the list?',
  deleteListQuestion: (name: string) =>
    `The list “${name}” will be deleted. Its entries stay in the library.`,
  newListLabel: 'New list',
  createList: 'Create the list',
  listCreated: (name: string) => `The list “${name}” was created.`,
  listRenamed: (name: string) => `The list is now called “${name}”.`,
  listDeleted: (name: string) => `The list “${name}” was deleted.`,
  removedFromList: (title: string, list: string) => `“${title}” was removed from the list “${list}”.`,
  noSaved: 'No saved searches yet. Search, and choose “Save the search” among the results.',
  deleteSaved: 'Delete',
  savedDeleted: (name: string) => `The saved search “${name}” was deleted.`,
  savedSearchDefaultName: 'My search',
  savedSearchEverything: 'All entries',
  quoted: (text: string) => `“${text}”`,
  save: 'Save',
  cancel: 'Cancel',
  nameMissing: 'Type a name.',
  /** A button's accessible name: what it does, then to what (the visible text comes first). */
  actionOn: (action: string, name: string) => `${action}: ${name}`,

  overviewHeading: 'Overview',
  overviewIntro: (n: number) =>
    `How the library's ${count(n)} published examples are spread. Choose a name in a table to see the examples.`,
  chartFocus: 'Examples per focus area',
  chartLan: 'Examples per county',
  chartYear: 'Examples per year',
  chartStage: 'Examples per stage',
  chartFocusNote: 'An example can belong to several focus areas.',
  chartLanNote: 'An example is counted in every county it concerns.',
  chartYearNote: 'An example is counted in every year it ran.',
  chartStageNote: 'The stages in the order a piece of work goes through them.',
  chartDescription: (title: string, rows: number) =>
    `Bar chart: ${title.toLowerCase()}, ${rows} bars. The numbers are in the table below the chart.`,
  showTable: 'Show as a table',
  columnCount: 'Examples',
  columnFocus: 'Focus area',
  columnLan: 'County',
  columnYear: 'Year',
  columnStage: 'Stage',
  noData: 'No data yet.',

  libraryInfo: (entries: number) => `The library holds ${count(entries)} entries.`,
  loading: 'Loading …',
  errorHeading: 'Something went wrong',
  errorUnreachable: 'Could not reach Exempelbanken. Check that the app or the server is running.',
  errorStatus: (status: number) => `The server answered with error code ${status}.`,
  errorUnknown: 'An unexpected error occurred.',
  tryAgain: 'Try again',
  notFoundHeading: 'The page does not exist',
  goToStart: 'Go to the start page',
  pageTitle: (page: string) => `${page} – Exempelbanken`,
};
