//! The command line: subcommands and the settings every subcommand shares.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Lector: multi-reader multi-case reader studies for radiology.
#[derive(Debug, Parser)]
#[command(name = "lector", version, about)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Settings shared by every subcommand. Each comes from the flag, else the environment
/// variable, else the config file, else a default that needs nothing installed.
#[derive(Debug, Default, Args)]
pub struct GlobalArgs {
    /// A TOML file with any of: addr, data_dir, database_url, site_root, secure_cookies,
    /// trusted_proxies, max_upload_mb, dicomweb_url, dicomweb_user, dicomweb_password,
    /// dicomweb_token.
    #[arg(long, global = true, env = "LECTOR_CONFIG")]
    pub config: Option<PathBuf>,
    /// Where Lector keeps its SQLite database and images [default: ./lector-data].
    #[arg(long, global = true, env = "LECTOR_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// sqlite://PATH or postgres://USER@HOST/DB [default: sqlite in the data directory].
    #[arg(long, global = true, env = "DATABASE_URL")]
    pub database_url: Option<String>,
    /// Log format on stderr.
    #[arg(long, global = true, env = "LECTOR_LOG_FORMAT", value_enum)]
    pub log_format: Option<LogFormat>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    #[default]
    Pretty,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web app (the default when no subcommand is given).
    Serve(ServeArgs),
    /// Apply the database migrations and exit.
    Migrate,
    /// Create and list studies.
    #[command(subcommand)]
    Study(StudyCommand),
    /// Create and list accounts (admins, coordinators, readers).
    #[command(subcommand)]
    User(UserCommand),
    /// Write a phantom knee-radiograph data set (PNG, DICOM, lesion masks, manifest.csv).
    Synth(SynthArgs),
    /// MRMC analysis (ROC/DeLong, Obuchowski-Rockette, DBM) of a long-format reads CSV:
    /// reader_id,modality,case_id,truth,rating.
    Analyze(AnalyzeArgs),
    /// Train the CNN on a data set's training split (e.g. from `lector synth`); writes the
    /// weights and a model card (data hash, seed, epochs, internal/external AUC with DeLong CI).
    Train(TrainArgs),
    /// Run the CNN over a data set: probabilities, Grad-CAM and Grad-CAM++ overlays, features.
    Predict(PredictArgs),
    /// Judge weights on a data set's test splits: CNN vs clinical model (paired DeLong),
    /// Grad-CAM energy inside the lesion masks, t-SNE map of the features (SVG + CSV).
    Evaluate(EvaluateArgs),
    /// Import cases into a study from a server-side folder (manifest.csv + images, or the
    /// BTXRD layout with --btxrd), all or nothing, with a row-by-row report.
    Import(ImportArgs),
    /// Check the audit trail's keyed chain and every read against it, or print its head.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Write a study's results or reads to a file, as the results page's downloads do.
    Export(ExportArgs),
    /// A full replica of the seed study, then serve it: phantoms, accounts, the crossover study,
    /// the AI run, 16 simulated radiologists' reads of both sessions and a 17th reader with
    /// nothing read. A second run reuses what is there.
    Demo(DemoArgs),
    /// Copy a study in progress into a new folder: the database (SQLite: a consistent snapshot
    /// taken while the server runs; PostgreSQL: with pg_dump), the images and heat maps, and the
    /// audit key, with the audit chain's head at that moment.
    Backup(BackupArgs),
    /// Put a backup back into an empty data directory (and, for a PostgreSQL backup, an empty
    /// database given with --database-url), then check its audit trail.
    Restore(RestoreArgs),
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The new folder to write the backup into (it must not exist).
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// A folder written by `lector backup`.
    pub backup: PathBuf,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The study: its id or its name.
    pub study: String,
    /// What to export: tables (significance tables), report (standalone HTML), reads (every
    /// read, long CSV), imrmc (reads in iMRMC's format), rjafroc (reads as RJafroc's Excel
    /// file), marks (a localization study's marks.zip), methods (the methods paragraph with
    /// its references, in --lang), audit (the study's audit trail).
    #[arg(long, default_value = "tables")]
    pub what: String,
    /// File format: tables take xlsx, csv, md or tex; the others have one format each and
    /// may leave this out.
    #[arg(long)]
    pub format: Option<String>,
    /// Language of headings and labels: en or zh-CN.
    #[arg(long, default_value = "en", value_parser = locale)]
    pub lang: vocab::Locale,
    /// Covariance method of the OR tables: jackknife, delong or unbiased.
    #[arg(long, default_value = "jackknife")]
    pub cov: vocab::Covariance,
    /// Sample-size table: the AUC difference a follow-up study should detect [default: this
    /// study's observed difference].
    #[arg(long)]
    pub effect: Option<f64>,
    /// Sample-size table: the significance level.
    #[arg(long, default_value_t = 0.05)]
    pub alpha: f64,
    /// Sample-size table: the target power (0.5–0.99).
    #[arg(long, default_value_t = 0.8)]
    pub power: f64,
    /// Where to write; `-` for standard output.
    #[arg(long, short)]
    pub out: std::path::PathBuf,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    #[command(flatten)]
    pub serve: ServeArgs,
    /// Prepare the demo and exit instead of serving it.
    #[arg(long)]
    pub no_serve: bool,
    /// Phantom cases to generate [default: 333 = 136 OS + 197 GCT, the seed study's size].
    #[arg(long)]
    pub cases: Option<usize>,
    /// Seed of the phantoms, the study's randomisation and the simulated readers.
    #[arg(long, default_value_t = 2024)]
    pub seed: u64,
    /// Also build a localization study on the same phantoms, whose simulated readers mark the
    /// lesions (wAFROC on the results page).
    #[arg(long)]
    pub localization: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The study: its id or its name.
    pub study: String,
    /// The folder: manifest.csv and the images it names (the `lector synth` layout), or a BTXRD
    /// folder (images/, Annotations/, dataset.xlsx) with --btxrd. Not with --dicomweb.
    #[arg(required_unless_present = "dicomweb", conflicts_with = "dicomweb")]
    pub dir: Option<PathBuf>,
    /// Import from a PACS over DICOMweb at this root URL (e.g. https://pacs/dicom-web), the
    /// cases named by --manifest. Credentials from LECTOR_DICOMWEB_TOKEN, or
    /// LECTOR_DICOMWEB_USER and LECTOR_DICOMWEB_PASSWORD.
    #[arg(long, requires = "manifest", value_name = "URL")]
    pub dicomweb: Option<String>,
    /// With --dicomweb: a CSV of case_id, study_uid or accession, truth, split and the optional
    /// age, sex, location, site.
    #[arg(long, value_name = "CSV")]
    pub manifest: Option<PathBuf>,
    /// With --dicomweb: take only series of this modality (e.g. CR, DX).
    #[arg(long, requires = "dicomweb")]
    pub modality: Option<String>,
    /// With --dicomweb: take only series whose description matches, as the PACS matches it
    /// (`*` and `?` are wildcards, e.g. '*LAT*').
    #[arg(long, requires = "dicomweb", value_name = "TEXT")]
    pub series_description: Option<String>,
    /// Write the re-identification key of the imported DICOM files (case, attribute, original,
    /// replacement) to this new file, readable only by its owner. Lector keeps no copy: store
    /// it apart from Lector's data, where only those allowed to re-identify can read it.
    #[arg(long, value_name = "FILE")]
    pub key_out: Option<PathBuf>,
    /// Read the BTXRD layout instead of a manifest.
    #[arg(long)]
    pub btxrd: bool,
    /// BTXRD: the tumour column of the study's positive class.
    #[arg(long, default_value = "osteosarcoma")]
    pub positive_column: String,
    /// BTXRD: the tumour column of the study's negative class.
    #[arg(long, default_value = "giant cell tumor")]
    pub negative_column: String,
    /// BTXRD: a centre whose cases form the external split (repeatable); the others are internal.
    #[arg(long = "external-centre")]
    pub external_centres: Vec<String>,
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Recompute every link of the chain with the audit key and check every read's rating
    /// against its audit row; exits non-zero and names the first broken row or read.
    Verify,
    /// Print the chain's current head (row number, link, key id) to record outside Lector: a
    /// later trail must still contain that row with that link.
    Head,
}

#[derive(Debug, Args)]
pub struct TrainArgs {
    /// A data set folder with manifest.csv (case_id,file,truth,age,sex,location,site,split).
    #[arg(long)]
    pub data: PathBuf,
    /// The weights file to write (safetensors); the card goes beside it as <name>.card.json.
    #[arg(long)]
    pub out: PathBuf,
    /// Seed of the initialisation, the validation split and the augmentation.
    #[arg(long)]
    pub seed: Option<u64>,
    /// Upper bound on epochs (training stops earlier when validation AUC stops improving).
    #[arg(long)]
    pub max_epochs: Option<usize>,
    /// Weight of the penalty on class evidence outside the lesion masks (masks/<case_id>.png
    /// beside the manifest); 0 trains without the masks [default: the shipped model's 0.5].
    #[arg(long)]
    pub cam_mask_weight: Option<f64>,
}

#[derive(Debug, Args)]
pub struct EvaluateArgs {
    /// A data set folder with manifest.csv (and masks/ for the Grad-CAM figure).
    #[arg(long)]
    pub data: PathBuf,
    /// Output folder: study.json, tsne.svg, tsne.csv, features.csv.
    #[arg(long)]
    pub out: PathBuf,
    /// Weights from `lector train` [default: the shipped network].
    #[arg(long)]
    pub weights: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct PredictArgs {
    /// A data set folder with manifest.csv, or the manifest itself.
    #[arg(long)]
    pub data: PathBuf,
    /// Output folder: predictions.csv, features.csv, gradcam/, gradcampp/.
    #[arg(long)]
    pub out: PathBuf,
    /// Weights from `lector train` (with their .card.json) [default: the shipped network].
    #[arg(long)]
    pub weights: Option<PathBuf>,
    /// Images per forward pass.
    #[arg(long, default_value_t = 32)]
    pub batch_size: usize,
}

#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    /// The reads of a ROC study: one row per reading, columns reader_id,modality,case_id,truth,rating.
    #[arg(required_unless_present = "marks", conflicts_with = "marks")]
    pub reads: Option<PathBuf>,
    /// The marks of a localization (FROC) study: reader,modality,case,kind,lesion_id,rating (with --truth).
    #[arg(long, requires = "truth")]
    pub marks: Option<PathBuf>,
    /// The lesions of a localization study: case,is_abnormal,lesion_id,weight (with --marks).
    #[arg(long, requires = "marks")]
    pub truth: Option<PathBuf>,
    /// How the covariance of reader AUCs is estimated: jackknife, delong or unbiased (localization
    /// studies: jackknife).
    #[arg(long, default_value = "jackknife")]
    pub cov: analysis::Covariance,
    /// Figure of merit: auc, sensitivity, specificity or accuracy; with --marks wafroc, afroc,
    /// wafroc1, afroc1 or hrauc [default: auc, or wafroc with --marks].
    #[arg(long)]
    pub fom: Option<FomArg>,
    /// For binary figures of merit: a rating at or above this is a positive call.
    #[arg(long)]
    pub threshold: Option<f64>,
    /// Report only one MRMC analysis: or (Obuchowski–Rockette) or dbm [default: both].
    #[arg(long)]
    pub method: Option<analysis::MrmcMethod>,
    /// Output format: markdown (tables to paste into a paper), json or csv.
    #[arg(long, default_value = "markdown")]
    pub format: analysis::Format,
    /// Write the report to this file instead of standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// `--fom`: a ROC-type figure or a localization figure, told apart by spelling.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FomArg {
    Roc(analysis::Fom),
    Localization(analysis::froc::LocalizationFom),
}

impl std::str::FromStr for FomArg {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        s.parse()
            .map(FomArg::Roc)
            .or_else(|_| s.parse().map(FomArg::Localization))
            .map_err(|_| {
                format!(
                    "unknown figure of merit '{s}': expected auc, sensitivity, specificity, accuracy, \
                     or with --marks wafroc, afroc, wafroc1, afroc1, hrauc"
                )
            })
    }
}

#[derive(Debug, Args)]
pub struct SynthArgs {
    /// Total number of cases, split OS:GCT as in the seed study [default: 333 = 136 + 197].
    #[arg(long)]
    pub cases: Option<usize>,
    /// Random seed; the same seed writes identical files [default: 2024].
    #[arg(long)]
    pub seed: Option<u64>,
    /// Output directory (created if missing).
    #[arg(long)]
    pub out: PathBuf,
}

#[derive(Debug, Default, Args)]
pub struct ServeArgs {
    /// Address to listen on [default: 127.0.0.1:3000]; port 0 picks a free port.
    #[arg(long, env = "LECTOR_ADDR")]
    pub addr: Option<SocketAddr>,
    /// The built browser bundle (pkg/lector.js, .wasm, .css) [default: ./target/site].
    #[arg(long, env = "LECTOR_SITE_ROOT")]
    pub site_root: Option<PathBuf>,
    /// Treat every request as https: the session cookie is Secure (browsers never send it over
    /// plain http) and responses carry Strict-Transport-Security. Set this when Lector is only
    /// reachable over https; behind a proxy that says which requests were, use --trusted-proxy.
    #[arg(long, env = "LECTOR_SECURE_COOKIES")]
    pub secure_cookies: bool,
    /// The address of a reverse proxy whose `X-Forwarded-Proto: https` is believed (repeat the
    /// flag, or separate addresses with commas); requests it marks https get the Secure cookie
    /// and HSTS. Anyone else's X-Forwarded-Proto is ignored.
    #[arg(
        long = "trusted-proxy",
        env = "LECTOR_TRUSTED_PROXIES",
        value_delimiter = ','
    )]
    pub trusted_proxies: Vec<IpAddr>,
    /// Largest case zip accepted through the web page, in MiB [default: 1024]; bigger data sets
    /// go through `lector import`.
    #[arg(long, env = "LECTOR_MAX_UPLOAD_MB")]
    pub max_upload_mb: Option<u64>,
}

#[derive(Debug, Subcommand)]
pub enum StudyCommand {
    /// Create a study.
    Create {
        /// The study's name, unique on this server.
        name: String,
        /// Label of the positive class (the one higher ratings point to), e.g. OS.
        #[arg(long)]
        positive: String,
        /// Label of the negative class, e.g. GCT.
        #[arg(long)]
        negative: String,
        /// crossover (sessions apart by a washout) or sequential (AI shown after each unaided read).
        #[arg(long, default_value = "crossover")]
        design: vocab::ReadingDesign,
        /// Email of the coordinator account that runs the study (see `lector user add`); without
        /// it only administrators see the study in the web app.
        #[arg(long)]
        coordinator: Option<String>,
    },
    /// List the studies.
    List,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account that can sign in at once. The password is read from the
    /// LECTOR_PASSWORD environment variable, else as one line from standard input
    /// (e.g. `printf '%s\n' "$PW" | lector user add ...`); at least 10 characters.
    Add {
        /// admin (manages coordinators), coordinator (runs studies) or reader.
        #[arg(long)]
        role: vocab::Role,
        /// The email the person signs in with (unique on this server).
        #[arg(long)]
        email: String,
        /// The name shown in the header and to coordinators.
        #[arg(long)]
        name: String,
    },
    /// List every account: id, email, name, role, status.
    List,
}

/// A language tag, read as loosely as browsers send them (`zh`, `zh_CN`, `en-GB`).
fn locale(tag: &str) -> Result<vocab::Locale, String> {
    vocab::Locale::from_tag(tag).ok_or_else(|| format!("no language '{tag}'; use en or zh-CN"))
}
