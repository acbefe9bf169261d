//! The command line's arguments: every subcommand and flag, with clap, and the parsers of
//! their values. Names and help are Swedish, as the program's users read them.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use model::{Kind, Language, Stage, Status};

/// Exempelbanken: goda exempel på innovation i offentlig sektor.
#[derive(Parser)]
#[command(name = "exempelbank", version, about)]
pub struct Cli {
    /// Biblioteksmappen (annars EXEMPELBANK_LIBRARY eller programmets datamapp).
    #[arg(long, global = true, env = "EXEMPELBANK_LIBRARY", value_name = "DIR")]
    pub library: Option<PathBuf>,
    /// Skriv resultat och fel som JSON.
    #[arg(long, global = true)]
    pub json: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Skapa ett nytt bibliotek (med startbiblioteket om inte --empty).
    Init {
        #[arg(long)]
        empty: bool,
    },
    /// Lista posterna utanför papperskorgen.
    List {
        #[arg(long, value_parser = parse_status)]
        status: Option<Status>,
    },
    /// Visa en post.
    Show { id: String },
    /// Sök bland posterna.
    Search(SearchArgs),
    /// Lägg till en post (ett JSON-objekt) eller flera (en lista) från en fil eller -.
    Add {
        file: String,
        /// Visa vad som skulle läggas till, utan att skriva något.
        #[arg(long)]
        dry_run: bool,
    },
    /// Ersätt en posts innehåll med en JSON-fil (eller -).
    Edit { id: String, file: String },
    /// Visa en posts revisioner.
    History { id: String },
    /// Återställ en post till innehållet i en äldre revision (som en ny revision).
    Restore { id: String, revision: u32 },
    /// Ändra en posts status: utkast, granskning, publicerad eller arkiverad.
    Status {
        id: String,
        #[arg(value_parser = parse_status)]
        status: Status,
        #[arg(long, default_value = "")]
        comment: String,
    },
    /// Flytta en post till papperskorgen.
    Delete { id: String },
    /// Lista papperskorgen, eller töm den (--empty --yes).
    Trash {
        /// Radera posterna i papperskorgen för alltid (kräver --yes).
        #[arg(long)]
        empty: bool,
        /// Bekräfta att papperskorgen töms.
        #[arg(long, requires = "empty")]
        yes: bool,
    },
    /// Visa skillnaderna mellan två revisioner av en post.
    Diff { id: String, from: u32, to: u32 },
    /// Visa (eller med TEXT sätt) din personliga anteckning om en post; --clear tar bort den.
    Note {
        id: String,
        text: Option<String>,
        #[arg(long, conflicts_with = "text")]
        clear: bool,
    },
    /// Importera poster från JSON, JSON Lines, CSV eller XLSX: allt eller inget, om inte
    /// --accept-valid.
    Import(Box<ImportArgs>),
    /// Liknande exempel: de poster som mest liknar en post, efter text, platser och
    /// fokusområden (inte posten själv eller dess "Se även").
    Similar {
        id: String,
        #[arg(long, default_value_t = 5)]
        limit: usize,
    },
    /// Fokusområden: lista, lägg till, byt namn, slå ihop.
    Taxonomy {
        #[command(subcommand)]
        action: Option<TaxonomyAction>,
    },
    /// Radera en persons kontaktuppgifter ur alla poster, revisioner och säkerhetskopior
    /// (GDPR; kräver --yes).
    ErasePerson {
        name: String,
        #[arg(long)]
        yes: bool,
    },
    /// Bifoga en fil (PDF, DOCX, bild) till en post.
    Attach {
        id: String,
        file: PathBuf,
        /// Filens licens, till exempel CC BY 4.0.
        #[arg(long, default_value = "")]
        licence: String,
    },
    /// Ta bort en bilaga från en post (filen finns kvar i äldre revisioner).
    Detach { id: String, name: String },
    /// Visa eller ändra vem som står i historiken (sparas i biblioteket).
    User { name: Option<String> },
    /// Exportera poster: PDF (postkort eller sammanställning), Markdown, HTML, JSON, CSV, XLSX.
    Export {
        #[arg(required = true)]
        ids: Vec<String>,
        #[arg(long, value_parser = parse_format)]
        format: library::export::ExportFormat,
        #[arg(long)]
        out: PathBuf,
        /// En sammanställning med försättsblad och innehåll, även för en post.
        #[arg(long)]
        brief: bool,
        /// Utan kontaktuppgifter (personuppgifter).
        #[arg(long)]
        no_contacts: bool,
        /// Sammanställningens rubrik.
        #[arg(long)]
        title: Option<String>,
        /// Kolumner för CSV och XLSX, till exempel id,title,kind,municipalities.
        #[arg(long, value_delimiter = ',')]
        columns: Vec<String>,
    },
    /// Paket: skapa, importera, nycklar.
    Bundle {
        #[command(subcommand)]
        action: BundleAction,
    },
    /// Inre kommando: extrahera texten ur en PDF (körs som barnprocess).
    #[command(hide = true, name = "extract-pdf-text")]
    ExtractPdfText { file: PathBuf },
    /// Hämta tillbaka en post från papperskorgen.
    Undelete { id: String },
    /// Kontrollera databasen och sökindexet.
    Check,
    /// Bygg om sökindexet från databasen.
    Reindex,
    /// Skriv ut JSON Schema för utbytesformatet (en post).
    Schema,
    /// Visa biblioteket i webbläsaren: skrivskyddat (bara publicerade poster), skrivbart för
    /// dig (--write) eller gemensamt för ett team med konton och roller (--team).
    Serve {
        /// Adress och port; 127.0.0.1 om inget annat anges (port 0 väljer en ledig).
        #[arg(long, default_value = "127.0.0.1:7878")]
        addr: std::net::SocketAddr,
        /// Skrivbart för dig ensam: bara på loopback, med en slumpad token i länken.
        #[arg(long, conflicts_with = "team")]
        write: bool,
        /// En gemensam exempelbank: alla loggar in med sina konton (se `account`).
        #[arg(long)]
        team: bool,
        /// Med --team: vem som helst får läsa publicerade poster utan att logga in.
        #[arg(long, requires = "team")]
        public: bool,
        /// Certifikat (PEM) för HTTPS.
        #[arg(long, requires = "tls_key")]
        tls_cert: Option<PathBuf>,
        /// Certifikatets privata nyckel (PEM).
        #[arg(long, requires = "tls_cert")]
        tls_key: Option<PathBuf>,
        /// Bakom en omvänd proxy som sköter TLS: lita på dess X-Forwarded-Proto och -For.
        #[arg(long)]
        behind_proxy: bool,
    },
    /// Bibliotekets signerare: namnet och fingeravtrycket som prenumeranter jämför.
    Key {
        /// Ge signeraren ett namn (till exempel organisationens); nyckeln är densamma.
        #[arg(long)]
        name: Option<String>,
    },
    /// Prenumerationer: följ andra bibliotek och håll dem aktuella offline.
    Subscribe {
        #[command(subcommand)]
        action: SubscribeAction,
    },
    /// Konton i en gemensam exempelbank (serve --team): läsare, skribent, granskare, redaktör.
    Account {
        #[command(subcommand)]
        action: AccountAction,
    },
}

#[derive(Subcommand)]
pub enum AccountAction {
    /// Skapa ett konto; lösenordet läses från terminalen eller --password-file.
    Add {
        name: String,
        /// läsare, skribent, granskare eller redaktör.
        #[arg(long)]
        role: String,
        /// En fil vars första rad är lösenordet.
        #[arg(long)]
        password_file: Option<PathBuf>,
    },
    /// Visa alla konton med roll och senaste inloggning.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Ge ett konto en annan roll.
    Role { name: String, role: String },
    /// Stäng av ett konto (dess sessioner avslutas).
    Disable { name: String },
    /// Slå på ett avstängt konto igen.
    Enable { name: String },
    /// Ge ett konto ett nytt lösenord (dess sessioner avslutas).
    ResetPassword {
        name: String,
        #[arg(long)]
        password_file: Option<PathBuf>,
    },
    /// Visa granskningsloggen: inloggningar, misslyckade inloggningar, ändringar av konton.
    Log {
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum SubscribeAction {
    /// Följ ett bibliotek: en server (https://…) eller en mapp som `bundle publish` skriver.
    /// Visar signeraren och fingeravtrycket och frågar om du litar på dem.
    Add {
        source: String,
        /// Namnet exemplen visar som sin källa (annars signerarens).
        #[arg(long)]
        name: Option<String>,
        /// Lita på signeraren med det här fingeravtrycket utan att fråga.
        #[arg(long, value_name = "FINGERAVTRYCK")]
        trust: Option<String>,
        /// Sekunder att vänta på ett svar.
        #[arg(long, default_value_t = 30)]
        timeout: u64,
    },
    /// Visa prenumerationerna: källa, signerare, senaste hämtning, antal exempel, läge.
    List,
    /// Hämta det nya från en prenumeration, eller från alla.
    Pull {
        name: Option<String>,
        /// Sekunder att vänta på ett svar.
        #[arg(long, default_value_t = 30)]
        timeout: u64,
    },
    /// Sluta följa en prenumeration; frågar om exemplen därifrån ska vara kvar.
    Remove {
        name: String,
        /// Behåll exemplen som kom därifrån.
        #[arg(long, conflicts_with = "remove_entries")]
        keep_entries: bool,
        /// Flytta exemplen som kom därifrån till papperskorgen.
        #[arg(long)]
        remove_entries: bool,
    },
}

#[derive(Subcommand)]
pub enum BundleAction {
    /// Skapa ett signerat paket av hela biblioteket (publicerade poster) eller ett urval.
    Create {
        #[arg(long)]
        out: PathBuf,
        /// En nyckelfil (från bundle keygen); annars bibliotekets egen nyckel.
        #[arg(long)]
        key: Option<PathBuf>,
        #[command(flatten)]
        filters: Box<SearchArgs>,
    },
    /// Importera ett paket: allt kontrolleras först, sedan slås posterna ihop på uid.
    Import {
        file: PathBuf,
        #[arg(long)]
        dry_run: bool,
        /// Lita på paketets signerare (och kom ihåg den).
        #[arg(long)]
        trust: bool,
    },
    /// Inkommande versioner av poster som ändrats här: lista, godta eller släng.
    Incoming {
        /// accept ID eller discard ID; utan: lista.
        #[arg(value_parser = ["accept", "discard"])]
        action: Option<String>,
        id: Option<String>,
    },
    /// Publicera bibliotekets flöde i en mapp (en nätverksdelning, ett USB-minne) som
    /// andra kan prenumerera på: bara det som ändrats sedan förra gången skrivs.
    Publish { dir: PathBuf },
    /// Skapa en ny signeringsnyckel i en fil.
    Keygen {
        file: PathBuf,
        /// Namnet som står i paketen (till exempel organisationens).
        #[arg(long)]
        name: String,
    },
}

#[derive(Subcommand)]
pub enum TaxonomyAction {
    /// Lägg till ett fokusområde.
    Add {
        name: String,
        #[arg(long, default_value = "")]
        description: String,
    },
    /// Byt namn på ett fokusområde; posterna följer med.
    Rename { slug: String, name: String },
    /// Slå ihop fokusområdet FROM med INTO; posterna följer med.
    Merge { from: String, into: String },
}

#[derive(Args)]
pub struct ImportArgs {
    pub file: PathBuf,
    /// Visa vad som skulle hända utan att skriva något.
    #[arg(long)]
    pub dry_run: bool,
    /// Kolumnmappning: "Kolumn=fält;Annan=-" eller en mappningsfil (.toml eller .json).
    #[arg(long, value_name = "MAPPING")]
    pub map: Option<String>,
    /// En medföljande mappning: pstw (europeiska fallsamlingar) eller kommun (en kommuns
    /// projektlista).
    #[arg(long)]
    pub preset: Option<String>,
    /// Översätt en kolumns värden: "status: Pilot=pilot; Implemented=inforande" (kan
    /// upprepas; en kolumn per rad).
    #[arg(long, value_name = "KOLUMN: VÄRDE=VÄRDE; …")]
    pub values: Vec<String>,
    /// Hoppa över kolumner som inget fält motsvarar (de listas i rapporten).
    #[arg(long)]
    pub skip_unmapped: bool,
    /// En för lång sammanfattning flyttas till ett avsnitt ("section" är Lösning och
    /// genomförande; eller challenge, results, lessons, dissemination) och de första
    /// meningarna blir sammanfattning; "none" avvisar sådana rader även med en förinställning.
    #[arg(long, value_name = "AVSNITT")]
    pub long_summary: Option<String>,
    /// Språket för alla rader: sv, en, da, no, fi; "detect" känner igen varje rads språk
    /// (förval utan förinställning).
    #[arg(long)]
    pub language: Option<String>,
    /// Importera de giltiga raderna och skriv de avvisade, med skäl, till FIL.avvisade.csv
    /// bredvid filen.
    #[arg(long)]
    pub accept_valid: bool,
    /// Skriv en mappningsfil (TOML) att utgå från, med en gissning för varje kolumn, och
    /// importera inget.
    #[arg(long, conflicts_with_all = ["dry_run", "accept_valid"])]
    pub suggest_mapping: bool,
}

#[derive(Args)]
pub struct SearchArgs {
    /// Sökord; tomt för att bläddra.
    #[arg(default_value = "")]
    pub query: String,
    /// Fokusområde (kan upprepas).
    #[arg(long)]
    pub focus: Vec<String>,
    /// Län, med kod eller namn (kan upprepas).
    #[arg(long)]
    pub region: Vec<String>,
    /// Kommun, med kod eller namn (kan upprepas).
    #[arg(long)]
    pub municipality: Vec<String>,
    #[arg(long, value_parser = parse_kind)]
    pub kind: Vec<Kind>,
    #[arg(long, value_parser = parse_stage)]
    pub stage: Vec<Stage>,
    /// Källa: prenumerationen (eller paketets signerare) som posterna kom från.
    #[arg(long)]
    pub source: Vec<String>,
    /// År eller intervall: 2019 eller 2018..2021.
    #[arg(long, value_parser = parse_years)]
    pub year: Option<(Option<i32>, Option<i32>)>,
    #[arg(long, default_value_t = 20)]
    pub limit: u32,
    /// Språket posten är skriven på: sv, en, da, no, fi (kan upprepas).
    #[arg(long, value_parser = parse_language)]
    pub language: Vec<Language>,
    /// Land, med ISO-kod eller namn: FI, Finland, Sverige (kan upprepas).
    #[arg(long)]
    pub country: Vec<String>,
    /// Spridd till: länet där posten har tagits upp, med kod eller namn (kan upprepas).
    #[arg(long)]
    pub spread_to: Vec<String>,
    /// Bara poster som har tagits upp av minst så många organisationer.
    #[arg(long)]
    pub min_uptakes: Option<u32>,
    /// Sortera på senast uppdaterade i stället för relevans.
    #[arg(long, conflicts_with = "most_spread")]
    pub newest: bool,
    /// Sortera på spridning: de som tagits upp av flest organisationer först.
    #[arg(long)]
    pub most_spread: bool,
    /// Ta med utkast, poster under granskning och arkiverade.
    #[arg(long)]
    pub all: bool,
}

pub fn slug_parser<T>(
    what: &str,
    value: &str,
    from: fn(&str) -> Option<T>,
    all: &[&str],
) -> std::result::Result<T, String> {
    from(value).ok_or_else(|| format!("okänd {what} \"{value}\"; tillåtna: {}", all.join(", ")))
}

pub fn parse_status(v: &str) -> std::result::Result<Status, String> {
    let all: Vec<_> = Status::ALL.iter().map(|s| s.slug()).collect();
    slug_parser("status", v, Status::from_slug, &all)
}

pub fn parse_format(v: &str) -> std::result::Result<library::export::ExportFormat, String> {
    library::export::ExportFormat::from_name(v)
        .ok_or_else(|| format!("okänt format \"{v}\"; tillåtna: pdf, md, html, json, csv, xlsx"))
}

pub fn parse_kind(v: &str) -> std::result::Result<Kind, String> {
    let all: Vec<_> = Kind::ALL.iter().map(|s| s.slug()).collect();
    slug_parser("typ", v, Kind::from_slug, &all)
}

pub fn parse_stage(v: &str) -> std::result::Result<Stage, String> {
    let all: Vec<_> = Stage::ALL.iter().map(|s| s.slug()).collect();
    slug_parser("fas", v, Stage::from_slug, &all)
}

pub fn parse_language(v: &str) -> std::result::Result<Language, String> {
    let all: Vec<_> = Language::ALL.iter().map(|l| l.slug()).collect();
    slug_parser("språk", v, Language::from_slug, &all)
}

pub fn parse_years(v: &str) -> std::result::Result<(Option<i32>, Option<i32>), String> {
    let year = |s: &str| -> std::result::Result<Option<i32>, String> {
        if s.is_empty() {
            return Ok(None);
        }
        s.parse()
            .map(Some)
            .map_err(|_| format!("\"{s}\" är inget årtal"))
    };
    match v.split_once("..") {
        Some((from, to)) => Ok((year(from)?, year(to)?)),
        None => {
            let y = year(v)?;
            Ok((y, y))
        }
    }
}
