//! `/read/:study/:session`: the reading page — viewer, clinical facts, the AI panel where the
//! design shows it, the call and the rating, Submit (Enter), progress; practice feedback.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::reading::{open_session, ReviewCase, SubmitRead};
use crate::domain::reading::{CaseToRead, DraftMark, ReadingState, Submission};
use crate::i18n::{format, use_i18n, Args};
use crate::ids;
use crate::ui::components::marks::MarkList;
use crate::ui::components::notice::ErrorNotice;
use crate::ui::components::viewer::{View, Viewer, ViewerEvent};
use crate::ui::hydration::mark_hydrated;
use crate::ui::reading_clock::{idempotency_key, ActiveClock};

#[component]
pub fn ReadingPage() -> impl IntoView {
    mark_hydrated();
    let i18n = use_i18n();
    let params = use_params_map();
    let ids = Memo::new(move |_| {
        params.with(|p| {
            let num = |k: &str| p.get(k).and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
            (num("study"), num("session"))
        })
    });
    let loaded = Resource::new(
        move || ids.get(),
        |(study, session)| open_session(study, session),
    );
    view! {
        <Title text=i18n.tr("reading-title")/>
        <Suspense fallback=move || view! { <p class="muted">{i18n.tr("loading")}</p> }>
            {move || loaded.get().map(|result| match result {
                Err(error) => view! { <ErrorNotice error/> }.into_any(),
                Ok(state) => view! { <Session initial=state/> }.into_any(),
            })}
        </Suspense>
    }
}

/// A session in progress: the state moves on with each acknowledged submit.
#[component]
fn Session(initial: ReadingState) -> impl IntoView {
    let i18n = use_i18n();
    let state = RwSignal::new(initial);
    let feedback = RwSignal::new(None::<(String, bool)>);
    // Practice feedback belongs to the case just answered: it stays on that case, with its
    // image, and the next case waits until the reader moves on.
    let answered = RwSignal::new(None::<(CaseToRead, ReadingState)>);
    // A localization study's practice answer shows the lesions' outline over the case.
    let outline = RwSignal::new(None::<String>);
    let submit = ServerAction::<SubmitRead>::new();
    let review = ServerAction::<ReviewCase>::new();
    Effect::new(move |_| {
        if let Some(Ok(outcome)) = submit.value().get() {
            let just_read = state.with_untracked(|s| s.case.clone());
            match (outcome.feedback.clone(), just_read) {
                (Some(told), Some(case)) => {
                    feedback.set(Some(told));
                    outline.set(outcome.outline_url.clone());
                    answered.set(Some((case, outcome.next)));
                }
                _ => {
                    feedback.set(None);
                    state.set(outcome.next);
                }
            }
        }
    });
    let move_on = move || {
        if let Some((_, next)) = answered.get_untracked() {
            feedback.set(None);
            answered.set(None);
            state.set(next);
        }
    };
    // Enter moves on from the answer, as it submitted the case.
    let enter = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Enter" && answered.with_untracked(Option::is_some) {
            ev.prevent_default();
            move_on();
        }
    });
    on_cleanup(move || enter.remove());
    Effect::new(move |_| {
        if let Some(Ok(earlier)) = review.value().get() {
            feedback.set(None);
            state.set(earlier);
        }
    });
    let progress = move || {
        // Waiting on an answer, the count already includes it.
        let (done, total) = answered
            .with(|a| a.as_ref().map(|(_, next)| (next.done, next.total)))
            .unwrap_or_else(|| state.with(|s| (s.done, s.total)));
        let args = Args::new().with("done", done).with("total", total);
        (
            i18n.text_with("reading-progress", &args),
            done,
            total.max(1),
        )
    };
    view! {
        <section class="reading">
            <header class="reading-header">
                <h1>{move || state.with(|s| s.study_name.clone())}</h1>
                <span class="badge" data-testid=ids::READING_MODE>
                    {move || i18n.word(state.with(|s| s.mode))}
                </span>
                <span class="spacer"></span>
                <span data-testid=ids::READING_PROGRESS>{move || progress().0}</span>
                <progress max=move || progress().2.to_string() value=move || progress().1.to_string()></progress>
            </header>
            {move || submit.value().get().and_then(Result::err).map(|error| view! { <ErrorNotice error/> })}
            {move || review.value().get().and_then(Result::err).map(|error| view! { <ErrorNotice error/> })}
            {move || feedback.get().map(|(truth, correct)| view! {
                <p class=if correct { "notice ok" } else { "notice error" } data-testid=ids::PRACTICE_FEEDBACK>
                    {move || i18n.text_with(if correct { "practice-correct" } else { "practice-wrong" }, &Args::new().with("truth", truth.clone()))}
                </p>
            })}
            {move || answered.get().map(|(case, _)| view! {
                <div class="practice-answer" data-testid=ids::PRACTICE_ANSWERED>
                    <div class="practice-figure">
                        <img src=case.image_url alt=move || i18n.text("reading-practice-image")/>
                        {move || outline.get().map(|url| view! {
                            <img class="practice-outline" data-testid=ids::PRACTICE_OUTLINE src=url alt=move || i18n.text("reading-practice-outline")/>
                        })}
                    </div>
                    <button class="button" data-testid=ids::PRACTICE_NEXT on:click=move |_| move_on()>
                        {i18n.tr("reading-next-case")}
                    </button>
                </div>
            })}
            {move || {
                if answered.with(Option::is_some) {
                    return ().into_any();
                }
                let s = state.get();
                match s.case.clone() {
                    None => view! {
                        <div class="empty" data-testid=ids::SESSION_DONE>
                            <h2>{i18n.tr("reading-done-title")}</h2>
                            {(s.back_navigation && s.total > 0).then(|| {
                                let (study_id, session, position) = (s.study_id, s.session, s.total);
                                view! {
                                    <button class="button" data-testid=ids::READING_PREVIOUS on:click=move |_| {
                                        review.dispatch(ReviewCase { study_id, session, position });
                                    }>{i18n.tr("reading-previous")}</button>
                                }
                            })}
                            <a class="button" href="/">{i18n.tr("reading-back")}</a>
                        </div>
                    }.into_any(),
                    Some(case) => view! { <CaseReader state=s case submit review/> }.into_any(),
                }
            }}
        </section>
    }
}

/// One case: viewer on the left, facts, AI and rating on the right.
#[component]
fn CaseReader(
    state: ReadingState,
    case: CaseToRead,
    submit: ServerAction<SubmitRead>,
    review: ServerAction<ReviewCase>,
) -> impl IntoView {
    let i18n = use_i18n();
    let view_state = RwSignal::new(View::default());
    let events = StoredValue::new(Vec::<ViewerEvent>::new());
    let clock = ActiveClock::start();
    let key = StoredValue::new(idempotency_key());
    let call = RwSignal::new(None::<bool>);
    let prompt = state.rating_scale.prompt_key();
    let scale = state.rating_scale;
    let (lowest, highest) = state.rating_scale.range().into_inner();
    // No starting value: a slider submitted untouched would save its midpoint, a silent tie the
    // ROC analysis cannot tell from a rating the reader chose. Submit waits for a rating set by
    // dragging, by the arrow keys or by typing a number.
    let score = RwSignal::new(None::<i64>);
    // A set call and rating that point different ways (the 5-point scale only).
    let disagrees =
        move || matches!((call.get(), score.get()), (Some(c), Some(r)) if !scale.agrees(c, r));
    let typed = NodeRef::<leptos::html::Input>::new();
    // A localization study: a click on the image marks a spot; every mark needs its rating.
    let marking = state.task == vocab::StudyTask::Localization;
    let marks = RwSignal::new(Vec::<DraftMark>::new());
    let unrated_marks = move || marks.with(|m| m.iter().any(|d| d.rating.is_none()));
    let parse_score = move |text: String| {
        text.trim()
            .parse::<i64>()
            .ok()
            .filter(|v| (lowest..=highest).contains(v))
    };
    let (study_id, session, case_ref, stage) =
        (state.study_id, state.session, case.case_ref, case.stage);
    let log = Callback::new(move |event: ViewerEvent| {
        clock.touch();
        events.update_value(|e| {
            if e.len() < crate::domain::reading::MAX_INTERACTIONS {
                e.push(event);
            }
        });
    });
    let send = move || {
        let (Some(call_positive), Some(score)) = (call.get_untracked(), score.get_untracked())
        else {
            return;
        };
        if submit.pending().get_untracked() || unrated_marks() {
            return;
        }
        let rated = marks.with_untracked(|m| m.iter().filter_map(DraftMark::rated).collect());
        submit.dispatch(SubmitRead {
            study_id,
            session,
            read: Submission {
                case_ref,
                stage,
                call_positive,
                score,
                active_ms: clock.active_ms(),
                interactions: serde_json::to_string(&events.get_value())
                    .unwrap_or_else(|_| "[]".into()),
                idempotency_key: key.get_value(),
                marks: rated,
            },
        });
    };
    let send_key = send;
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        clock.touch();
        if ev.key() == "Enter" {
            ev.prevent_default();
            send_key();
        } else if ev.key() == "1" {
            call.set(Some(true));
        } else if ev.key() == "2" {
            call.set(Some(false));
        }
    });
    on_cleanup(move || handle.remove());
    let (positive, negative) = (state.positive_label.clone(), state.negative_label.clone());
    let positive_label = state.positive_label.clone();
    let ai = case.ai.clone();
    let clinical = case.clinical.clone();
    let unaided = case.unaided;
    let correcting = case.correcting;
    let previous = (state.back_navigation && case.position > 1).then_some(case.position - 1);
    let prefetch = state.prefetch_url.clone();
    view! {
        <div class="reading-body" data-testid=ids::CASE_READER data-case=case.case_ref data-stage=case.stage.as_str()>
            <div class="reading-image">
                <Viewer case=case.clone() view=view_state log marks=marking.then_some(marks)/>
                // The next case's image, fetched ahead so it shows at once.
                {prefetch.map(|url| view! { <img class="prefetch" src=url alt="" aria-hidden="true" hidden/> })}
            </div>
            <aside class="reading-side">
                {clinical.map(|c| view! {
                    <dl class="facts" data-testid=ids::CLINICAL>
                        <dt>{i18n.tr("clinical-age")}</dt><dd>{c.age.map(|a| a.to_string()).unwrap_or_else(|| "—".into())}</dd>
                        <dt>{i18n.tr("clinical-sex")}</dt><dd>{c.sex.unwrap_or_else(|| "—".into())}</dd>
                        <dt>{i18n.tr("clinical-site")}</dt><dd>{c.location.unwrap_or_else(|| "—".into()).replace('_', " ")}</dd>
                    </dl>
                })}
                {ai.map(|ai| view! {
                    <div class="ai-panel" data-testid=ids::AI_PANEL_READER>
                        <h2>{i18n.tr("ai-title")}</h2>
                        // Always the probability of the positive class, with the operating point:
                        // a 52 % reads as the near coin-flip it is, whichever side it falls on.
                        <p data-testid=ids::AI_PROBABILITY>
                            {
                                let positive = positive_label.clone();
                                move || i18n.text_with("ai-probability", &Args::new()
                                    .with("label", positive.clone())
                                    .with("probability", format::number(ai.probability * 100.0, 0)))
                            }
                        </p>
                        <meter class="ai-meter" min="0" max="1" low=ai.threshold high=ai.threshold optimum="0" value=ai.probability></meter>
                        <p data-testid=ids::AI_CALL>
                            {
                                let (label, positive) = (ai.predicted_label.clone(), positive_label.clone());
                                move || i18n.text_with("ai-call", &Args::new()
                                    .with("label", label.clone())
                                    .with("positive", positive.clone())
                                    .with("threshold", format::number(ai.threshold * 100.0, 0)))
                            }
                        </p>
                        {ai.marks.as_ref().map(|marks| {
                            let count = marks.len();
                            view! {
                                <p data-testid=ids::AI_MARKS>
                                    {move || if count == 0 {
                                        i18n.text("ai-marks-none")
                                    } else {
                                        i18n.text_with("ai-marks", &Args::new().with("count", count))
                                    }}
                                </p>
                            }
                        })}
                    </div>
                })}
                {unaided.map(|(positive_call, score)| view! {
                    <p class="muted" data-testid=ids::UNAIDED_RATING>
                        {
                            let call = if positive_call { positive.clone() } else { negative.clone() };
                            move || i18n.text_with("reading-unaided-was", &Args::new().with("score", score).with("call", call.clone()))
                        }
                    </p>
                })}
                {correcting.map(|(positive_call, score)| view! {
                    <p class="notice" data-testid=ids::CORRECTING>
                        {
                            let call = if positive_call { positive.clone() } else { negative.clone() };
                            move || i18n.text_with("reading-correcting", &Args::new().with("score", score).with("call", call.clone()))
                        }
                    </p>
                })}
                {marking.then(|| view! { <MarkList marks scale/> })}
                <form class="form rating" on:submit=move |ev| { ev.prevent_default(); send(); }>
                    <fieldset class="call">
                        <legend>{i18n.tr("reading-call")}</legend>
                        <label class="check"><input type="radio" name="call" data-testid=ids::CALL_POSITIVE prop:checked=move || call.get() == Some(true) on:change=move |_| call.set(Some(true))/>{positive.clone()} " (1)"</label>
                        <label class="check"><input type="radio" name="call" data-testid=ids::CALL_NEGATIVE prop:checked=move || call.get() == Some(false) on:change=move |_| call.set(Some(false))/>{negative.clone()} " (2)"</label>
                    </fieldset>
                    <label>
                        {move || i18n.text(prompt)}
                        <input
                            type="range"
                            data-testid=ids::CONFIDENCE
                            class:unset=move || score.get().is_none()
                            min=lowest.to_string()
                            max=highest.to_string()
                            prop:value=move || score.get().unwrap_or((lowest + highest) / 2).to_string()
                            on:input=move |ev| {
                                let value = parse_score(event_target_value(&ev));
                                score.set(value);
                                if let (Some(v), Some(field)) = (value, typed.get_untracked()) {
                                    field.set_value(&v.to_string());
                                }
                            }
                        />
                    </label>
                    <label class="score-typed">
                        {move || i18n.text("reading-score-typed")}
                        // Digits typed here are the rating, not the call's shortcut keys (1, 2);
                        // Enter still submits the form.
                        <input
                            type="number"
                            class="numeric"
                            node_ref=typed
                            data-testid=ids::CONFIDENCE_NUMBER
                            min=lowest.to_string()
                            max=highest.to_string()
                            step="1"
                            inputmode="numeric"
                            on:keydown=move |ev| ev.stop_propagation()
                            on:input=move |ev| score.set(parse_score(event_target_value(&ev)))
                        />
                    </label>
                    {move || score.get().is_none().then(|| view! {
                        <p class="muted" data-testid=ids::CONFIDENCE_UNSET>{i18n.tr("reading-score-unset")}</p>
                    })}
                    {move || disagrees().then(|| view! {
                        <p class="notice warn" data-testid=ids::RATING_DISAGREES>{i18n.tr("reading-rating-disagrees")}</p>
                    })}
                    <button class="button" type="submit" data-testid=ids::SUBMIT_READ disabled=move || call.get().is_none() || score.get().is_none() || disagrees() || unrated_marks() || submit.pending().get()>
                        {i18n.tr("reading-submit")}
                    </button>
                </form>
                {previous.map(|position| view! {
                    <button class="link" data-testid=ids::READING_PREVIOUS on:click=move |_| {
                        review.dispatch(ReviewCase { study_id, session, position });
                    }>{i18n.tr("reading-previous")}</button>
                })}
            </aside>
        </div>
    }
}
