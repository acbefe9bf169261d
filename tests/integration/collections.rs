//! The user's lists and saved searches: kept by uid, surviving restarts and entry edits.

use model::error::ErrorCode;
use model::query::SearchRequest;

use crate::util::TestLibrary;

const OREBRO: &str = "orebro-gemensam-testbadd-valfardsteknik-e-halsa";
const SODERTALJE: &str = "sodertalje-hallbar-livsmedelsforsorjning";

#[test]
fn lists_keep_their_entries_in_order_across_restarts() {
    let t = TestLibrary::starter();
    let mut lib = t.open();
    let list = lib.create_list("  Till mötet i maj ").unwrap();
    assert_eq!(list.name, "Till mötet i maj");
    lib.add_to_list(list.id, OREBRO).unwrap();
    lib.add_to_list(list.id, SODERTALJE).unwrap();
    let again = lib.add_to_list(list.id, OREBRO).unwrap();
    assert_eq!(again.entries.len(), 2, "adding twice keeps one");
    lib.create_list("Ärenden").unwrap();
    lib.create_list("Arbete").unwrap();
    drop(lib);

    let mut lib = t.open();
    let lists = lib.lists().unwrap();
    let names: Vec<&str> = lists.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(
        names,
        ["Arbete", "Till mötet i maj", "Ärenden"],
        "Swedish order"
    );
    let orebro = lib.get(OREBRO).unwrap();
    let sodertalje = lib.get(SODERTALJE).unwrap();
    assert_eq!(
        lists[1].entries,
        [orebro.uid.clone(), sodertalje.uid.clone()]
    );

    // Editing an entry changes nothing in the list: it is kept by uid.
    lib.edit(OREBRO, orebro.clone(), None, None, "ändrad")
        .unwrap();
    let after = lib.remove_from_list(list.id, &orebro.uid).unwrap();
    assert_eq!(after.entries, std::slice::from_ref(&sodertalje.uid));

    let renamed = lib.rename_list(list.id, "Till mötet i juni").unwrap();
    assert_eq!(renamed.entries, [sodertalje.uid]);
    lib.delete_list(list.id).unwrap();
    assert!(
        lib.get(SODERTALJE).is_ok(),
        "deleting a list keeps its entries"
    );
    assert_eq!(lib.lists().unwrap().len(), 2);
}

#[test]
fn list_names_are_unique_and_required_and_unknown_entries_are_refused() {
    let t = TestLibrary::starter();
    let mut lib = t.open();
    let list = lib.create_list("Favoriter").unwrap();
    assert_eq!(
        lib.create_list("Favoriter").unwrap_err().code,
        ErrorCode::Conflict
    );
    let err = lib.create_list("   ").unwrap_err();
    assert!(err.message.contains("fältet name"), "{}", err.message);
    assert_eq!(
        lib.add_to_list(list.id, "finns-inte").unwrap_err().code,
        ErrorCode::NotFound
    );
    assert_eq!(
        lib.add_to_list(999, OREBRO).unwrap_err().code,
        ErrorCode::NotFound
    );
}

#[test]
fn saved_searches_keep_their_filters_and_a_name_is_replaced_not_duplicated() {
    let t = TestLibrary::starter();
    let mut lib = t.open();
    let request = SearchRequest {
        focus: vec!["valfardsteknik-e-halsa".into()],
        lan: vec!["18".into()],
        offset: Some(40),
        ..SearchRequest::query("testbädd")
    };
    lib.save_search("Testbäddar i Örebro län", &request)
        .unwrap();
    let replaced = SearchRequest {
        query: "testbäddar".into(),
        ..request.clone()
    };
    lib.save_search("Testbäddar i Örebro län", &replaced)
        .unwrap();
    drop(lib);

    let mut lib = t.open();
    let saved = lib.saved_searches().unwrap();
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].request.query, "testbäddar");
    assert_eq!(saved[0].request.lan, ["18"]);
    assert_eq!(
        saved[0].request.offset, None,
        "a saved search starts from the first page"
    );
    let found = lib.search(&saved[0].request).unwrap();
    assert_eq!(found.hits[0].id, OREBRO);
    lib.delete_saved_search(saved[0].id).unwrap();
    assert!(lib.saved_searches().unwrap().is_empty());
}
