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
