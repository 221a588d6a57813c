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

## Home: empty state
empty-title = No studies yet
empty-body = A study holds the cases, the readers and their reads, unaided and aided by the AI. Create the first one from the command line on this server.
empty-show-steps = Show me how to start
empty-hide-steps = Hide the steps
empty-step-create = Create a study with its two classes and its reading design:
empty-step-reload = Reload this page: the study appears in the list.

## Errors
not-found-title = Page not found
not-found-body = There is no page at this address. It may have moved, or the link may be incomplete.
not-found-back = Back to the studies

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

## Invitations
invite-title = Choose your password
invite-welcome = Welcome, { $name }.
invite-account = Your account:
invite-password = New password
invite-password-hint = At least { $min } characters.
invite-confirm = Type it again
invite-submit = Save and sign in
invite-error-unusable = This invitation link was already used or has expired. Ask for a new one.
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
