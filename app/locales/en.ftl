# Lector — English catalogue. Every key here must exist in zh-CN.ftl too (a test checks).

app-name = Lector
app-tagline = Multi-reader multi-case studies
footer-about = Self-hosted reader studies for radiology
language-label = Language

## Home: the study list
home-title = Studies
home-subtitle = Reader studies on this server, newest first.
home-loading = Loading studies…
home-filter-placeholder = Filter by name or class
home-filter-label = Filter studies
home-count = { $shown } of { $total } { $total ->
    [one] study
   *[other] studies
}
home-col-study = Study
home-col-classes = Classes (positive / negative)
home-col-design = Design
home-col-created = Created
design-crossover = Crossover with washout
design-sequential = Sequential (unaided → aided per case)
task-classification = Classification (a call and a rating per case)
task-localization = Localization (readers mark each lesion, FROC)
mark-rule-mask = On the lesion (inside its mask)
mark-rule-radius = Within a radius of the lesion centre

## Home: empty state
empty-title = No studies yet
empty-body = A study holds the cases, the readers and their reads, unaided and aided by the AI. Create the first one here, or from the command line on this server.
empty-show-steps = Show me how to start
empty-hide-steps = Hide the steps
empty-step-create = Create a study with its two classes and its reading design:
empty-step-reload = Reload this page: the study appears in the list.

## Errors
not-found-title = Page not found
not-found-body = There is no page at this address. It may have moved, or the link may be incomplete.
not-found-back = Back to the studies

## Shared
loading = Loading…
action-sign-in = Sign in
value-unknown = —
welcome-title = Welcome to Lector
welcome-body = Lector runs multi-reader multi-case reader studies: coordinators import cases and enrol radiologists, readers read with and without the AI, and the statistics come out ready for the paper. Sign in with the account your coordinator gave you.
home-new-study = New study
empty-step-import = Import cases (a folder with manifest.csv and images, e.g. phantoms) on the server, or upload a zip on the study's Cases page:

## Values
split-train = Training
split-internal = Internal test
split-external = External test
split-practice = Practice
seniority-junior = Junior
seniority-intermediate = Intermediate
seniority-senior = Senior
mode-unaided = Unaided
mode-aided = AI-aided
scale-confidence = Call + confidence 0–100
scale-ordinal5 = 5-point scale
backnav-none = No going back
backnav-within-session = Back within the session
ai-state-idle = Not run
ai-state-running = Running
ai-state-done = Done
ai-state-failed = Failed
error-unauthorized = Please sign in to continue.
error-forbidden = Your account may not do this. If you need access, ask the study coordinator.
error-not-found = This does not exist, or your account may not see it.
error-internal = The server could not complete this. Try again; if it keeps failing, ask the administrator to check the server log.
error-transport = The server could not be reached. Check your connection and try again.
audit-kind = Show
audit-kind-all = Every event
audit-kind-reads = Reads and corrections
audit-kind-sessions = Sessions opened early
audit-kind-settings = Study settings
audit-kind-readers = Readers
audit-kind-cases = Case imports
audit-kind-ai = AI runs
audit-older = Older entries
audit-newer = Newer entries
role-admin = Administrator
role-coordinator = Coordinator
role-reader = Reader
group-a = Group A (unaided first)
group-b = Group B (AI-aided first)
stage-single = Rating
stage-unaided = Unaided rating
stage-final = Final rating, with the AI
locale-en = English
locale-zh-CN = Simplified Chinese

## Study pages
tab-overview = Overview
tab-settings = Settings
tab-cases = Cases
tab-readers = Readers
tab-progress = Progress
tab-audit = Audit trail
new-study-title = New study
new-study-subtitle = Name the study, its two classes and its reading design. Everything here can change until the first read is saved.
overview-counts = { $total } cases ({ $positive } positive), { $readers } { $readers ->
    [one] reader
   *[other] readers
}
overview-practice-short = The settings ask for { $asked } practice cases but the study has { $available }: readers will see { $available }. Import more practice cases or lower the number.
overview-locked = Reading has begun: the settings and the case set are locked.
overview-open = Reading has not begun: settings and cases can still change.
overview-step-import = Import the cases
overview-step-readers = Enrol the readers and send their invite links
overview-step-progress = Follow the reading progress

## Settings
settings-name = Study name
settings-positive = Positive class (e.g. OS, 骨肉瘤)
settings-negative = Negative class (e.g. GCT, 骨巨细胞瘤)
settings-design = Reading design
settings-washout = Washout between sessions (days)
settings-task = What readers give
settings-mark-rule = A mark counts on a lesion when it is
settings-radius = Acceptance radius (% of image width)
settings-scale = Rating scale
settings-backnav = Going back to a read case
settings-splits = Splits the readers read
settings-practice = Practice cases
settings-seed = Randomisation seed
settings-junior-max = Junior: at most this many years
settings-intermediate-max = Intermediate: at most this many years
settings-show-clinical = Show age, sex and lesion site to readers
settings-show-ai-marks = Aided readers see the AI's marks
settings-deid = De-identification of imported DICOM images
settings-deid-help = Lector stores only a de-identified copy of each DICOM file (DICOM PS3.15 Basic Application Level Confidentiality Profile): names, IDs, dates, institutions and operators are removed and UIDs replaced. These choices apply to every import into the study and are fixed by the first.
settings-deid-frozen = Fixed: the study holds cases, and every import into it is de-identified alike.
settings-deid-characteristics = Keep the patient's age, sex, size and weight
settings-deid-descriptions = Keep study and series descriptions (they may name a patient or a doctor)
settings-deid-burned-in = Accept images with burned-in annotation (their pixels may show a name)
settings-default-language = Default language
settings-create = Create the study
settings-save = Save the settings
settings-saved = The settings are saved; the case orders were dealt again.
settings-locked = Reading has begun, so these settings are locked. Start a new study to read with other settings.

## Cases
cases-title = Cases
cases-empty = No cases yet. Import a zip above, or run lector import on the server.
import-title = Import cases
import-help = A zip with manifest.csv (case_id, file, truth, age, sex, location, site, split) and the images it names (PNG, JPEG or DICOM). All or nothing: any problem rejects the whole import and lists every row to fix.
import-submit = Import
import-running = Importing…
pacs-title = From the PACS ({ $host })
pacs-help = A CSV naming each case's study in the PACS: case_id, then study_uid or accession, truth and split, optionally age, sex, location and site. Lector fetches the first image of each study over DICOMweb, keeps only its de-identified copy, and imports all or nothing; after a failure, importing again resumes without fetching twice.
pacs-modality = Series modality (optional, e.g. CR)
pacs-submit = Import from the PACS
pacs-file = Manifest CSV
import-file = Zip of cases
import-key = Give me the re-identification key (original → new identifiers; Lector keeps no copy)
import-key-download = Download the re-identification key
import-key-warning = This file links each case to the patient and the study in the hospital's systems. Lector keeps no copy and cannot show it again: store it where only those allowed to re-identify can read it.
pacs-series = Series description (optional, * as wildcard, e.g. *LAT*)
pacs-progress-fetching = Fetched { $done } of { $total } cases from the PACS…
pacs-progress-preparing = All { $total } cases fetched; checking and storing their de-identified copies…
import-too-large = The zip is larger than this server accepts through the browser. Split it into smaller zips, or import it on the server with `lector import`.
import-accepted = Imported { $imported } cases ({ $splits }); { $skipped } rows skipped.
import-rejected = Nothing was imported: { $problems } { $problems ->
    [one] problem
   *[other] problems
} to fix.
ai-run-title = AI over the cases
ai-run-summary = { $scored } of { $cases } cases have an output of model { $version }.
ai-run-start = Run the AI

## Readers
readers-title = Readers
readers-enrol-title = Enrol a reader
readers-enrol-submit = Enrol
readers-csv-title = Enrol from a CSV
readers-csv-help = Columns name, email, hospital, years (years of musculoskeletal experience), optionally seniority. All or none.
readers-csv-submit = Enrol all
readers-override = Seniority group
readers-derived = From the years
readers-empty = No readers enrolled yet.
readers-invite-help = Send each reader their link; it works once and expires in 14 days.
readers-already-joined = already has an account
readers-joined = Joined
readers-reinvite = New invite link
readers-new-link = New invite link:

## Progress and audit
progress-title = Reading progress
progress-open-early = Open now
progress-open-early-reason = Reason for ending the washout early
progress-empty = No reader has a case order yet: import cases and enrol readers first.
audit-title = Audit trail
audit-intact = The hash chain verifies: no row was edited or removed.
audit-broken = The hash chain is broken at row { $row }: a row was edited or removed.

## Columns
col-name = Name
col-email = Email
col-hospital = Hospital
col-years = Years
col-seniority = Seniority
col-group = Group
col-joined = Account
col-reader = Reader
col-session = Session
col-done = Done
col-median-time = Median time per case
col-last-activity = Last activity
col-opens-on = Session 2 opens
col-time = Time (UTC)
col-actor = By
col-action = Action
col-detail = Detail
col-row = Row
col-case = Case
col-problem = Problem
col-truth = Truth
col-split = Split
col-site = Site
col-age-sex = Age / sex
col-location = Location
col-ai = AI probability

## Reading
worklist-title = Your reading
worklist-session = Session { $n }
worklist-continue = Continue
worklist-done = Done
worklist-washout = Opens on { $date }, after the washout
worklist-practice-first = Opens after the practice cases
worklist-previous-first = Opens after the previous session
reading-title = Reading
reading-progress = Case { $done } of { $total } done
reading-done-title = This session is complete. Thank you.
reading-back = Back to the worklist
reading-call = Your diagnosis
reading-confidence = Confidence (0–100)
reading-ordinal = Rating (1 = surely negative … 5 = surely positive)
reading-score-typed = Or type it
reading-score-unset = Set your rating before submitting: drag the slider, use the arrow keys or type a number. There is no default.
reading-submit = Submit (Enter)
reading-marks = Marks
reading-marks-help = Click the image on each suspicious spot, then rate each mark; drag a mark to move it, or Tab to it and use the arrow keys (Delete removes it). Dragging the image still pans; Shift-drag or the right button sets the window.
reading-marks-none = No marks: submitting says you found nothing to mark.
reading-mark-delete = Remove
reading-mark-confidence = How sure it is a lesion (0–100)
reading-mark-ordinal = Rating (1 = surely not a lesion … 5 = surely a lesion)
reading-mark-label = Mark { $number }: Tab to it, arrows move it (Shift: faster), Delete removes it
reading-ai-mark = AI mark: { $probability } % likely a lesion
ai-marks = The AI marked { $count } { $count ->
    [one] spot: the diamond on the image, with its probability of a lesion.
   *[other] spots: the diamonds on the image, each with its probability of a lesion.
}
ai-marks-none = The AI marked no spot on this image.
reading-unaided-was = Your unaided read: { $call }, rated { $score }
practice-correct = Correct: the answer is { $truth }.
practice-wrong = Not quite: the answer is { $truth }.
reading-next-case = Next case (Enter)
reading-practice-image = The practice case you have just answered
reading-practice-outline = The lesions of this case, outlined
clinical-age = Age
clinical-sex = Sex
clinical-site = Lesion site
ai-title = AI
ai-probability = Probability of { $label }: { $probability } %
ai-call = The AI's call: { $label } (it calls { $positive } from { $threshold } % up).
viewer-tools = Viewer tools
viewer-zoom-in = Zoom in (+)
viewer-zoom-out = Zoom out (−)
viewer-window = Next window preset (W); drag with the right button to set window width/level
viewer-invert = Invert (I)
viewer-reset = Reset (R)
viewer-heatmap = Heat map (H)
viewer-opacity = Heat-map opacity
viewer-help = Keys of the reading page
viewer-help-close = ?: show or hide this list · Esc: hide it
viewer-keys = Wheel or +/−: zoom · Z: actual pixels (1:1) or fit · drag or arrows: pan · right-drag: window · W: presets · I: invert · R: reset · H: heat map · F: full screen · 1/2: call · Enter: submit · ?: all keys
viewer-image = The radiograph
viewer-actual = Actual pixels, 1:1 (Z); again to fit the frame
viewer-fullscreen = Full screen with a dark surround (F)
viewer-readout = W { $width } / L { $center } ({ $preset }) · { $zoom }
viewer-readout-default = Window of the file · { $zoom }
viewer-preset-custom = custom

## Signing in and out
auth-sign-in = Sign in
auth-sign-out = Sign out
auth-checking = Checking your account…
auth-sign-in-needed = Please sign in to see this page.
auth-forbidden = Your account may not open this page. Ask an administrator if you need access.
login-title = Sign in
login-subtitle = Use the email and password of your Lector account.
login-email = Email
login-password = Password
login-submit = Sign in
login-no-account = No account yet? Ask your study coordinator or administrator for an invitation link.
login-error-wrong = The email or the password is wrong.
login-error-throttled = Too many failed sign-ins. Wait 15 minutes, then try again.
login-error-disabled = This account is disabled. Ask the administrator to enable it again.
login-error-email-too-long = This email address is longer than 254 characters. Check it and type it again.

## Invitations
invite-title = Choose your password
invite-welcome = Welcome, { $name }.
invite-account = Your account:
invite-password = New password
invite-password-hint = At least { $min } characters.
invite-confirm = Type it again
invite-submit = Save and sign in
invite-error-unusable = This invitation link is not valid. Check that you copied all of it, or ask the coordinator for a new one.
invite-error-used = This invitation link was already used and your account has its password. Sign in with your email and password instead.
invite-error-superseded = A newer invitation replaced this link. Use the most recent link you were sent.
invite-error-expired = This invitation link has expired. Ask the coordinator for a new one.
invite-error-short = The password is too short: choose at least 10 characters.
invite-error-differ = The two passwords differ: type the same password twice.

## Admin: coordinator accounts
admin-users-title = Coordinators
admin-users-subtitle = Coordinators set up studies, enrol readers and import cases.
admin-users-create = Add a coordinator
admin-users-name = Name
admin-users-email = Email
admin-users-create-submit = Create and get the link
admin-users-link-hint = Send this one-time link to the new coordinator; it works for 7 days.
admin-users-none = No coordinators yet.
admin-users-status = Status
admin-users-created = Created
admin-users-status-active = Active
admin-users-status-invited = Invited
admin-users-status-disabled = Disabled
admin-users-disable = Disable
admin-users-enable = Enable
progress-orders-download = Download the case orders (CSV)
reading-rating-disagrees = The rating leans the other way from your call: a call of the positive class needs 3 or more, the negative class 3 or less.
reading-previous = ← Previous case
reading-correcting = Correcting your earlier read: { $call }, rated { $score }

## Results page
tab-results = Results
report-title = Study results
report-refresh = Recompute
report-exports = Downloads
report-export-xlsx = Tables (XLSX)
report-export-csv = Tables (CSV)
report-export-zip = Tables (one CSV each, zip)
report-export-markdown = Tables (Markdown)
report-export-latex = Tables (LaTeX)
report-export-html = Report (HTML)
report-export-reads = All reads (CSV)
report-export-imrmc = Reads for iMRMC
report-export-rjafroc = Reads for RJafroc (XLSX)
report-export-marks = Marks for lector analyze --marks / RJafroc (ZIP)
report-export-audit = Audit trail (CSV)
report-export-methods = Methods paragraph with references (text)
report-export-figures = Figures (SVG and 300-dpi PNG, zip)
report-figure-svg = SVG
report-figure-png = PNG (300 dpi)
report-plan-title = Plan a follow-up study (sample-size table)
report-plan-effect = AUC difference to detect
report-plan-observed = observed
report-plan-power = Power (%)
report-readers-complete = { $complete } of { $enrolled } readers have read every case in both modalities; the MRMC analyses use them.
report-pending = The tables appear once at least two readers have read every case both without and with the AI. The reads so far can already be downloaded.
report-gallery-title = Grad-CAM gallery
report-gallery-correct = CNN right
report-gallery-wrong = CNN wrong
report-tsne-title = t-SNE of the CNN's features (test cases)
report-tsne-class = class
report-tsne-site = hospital
report-meta-design = Design
report-meta-readers = Readers enrolled
report-meta-readers-analysed = Readers in the analyses (every case read in both modalities)
report-meta-cases = Test cases
report-meta-model = Model version
report-covariance = Covariance (OR)
report-covariance-jackknife = Jackknife
report-covariance-delong = DeLong
report-covariance-unbiased = Unbiased
