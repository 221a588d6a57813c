//! The study settings form, for a new study and for an unlocked one; read-only once locked.

use leptos::prelude::*;

use vocab::{MarkRule, ReadingDesign, Split, StudyTask, Word};

use crate::domain::study::StudyForm;
use crate::i18n::use_i18n;
use crate::ids;

/// A text input bound to one field of the form.
macro_rules! bind_text {
    ($form:ident, $field:ident) => {
        (
            move || $form.with(|f| f.$field.clone()),
            move |ev: leptos::ev::Event| {
                let value = event_target_value(&ev);
                $form.update(|f| f.$field = value);
            },
        )
    };
}

/// A number input bound to one integer field (ignores text that is not a number).
macro_rules! bind_number {
    ($form:ident, $field:ident) => {
        (
            move || $form.with(|f| f.$field.to_string()),
            move |ev: leptos::ev::Event| {
                if let Ok(value) = event_target_value(&ev).trim().parse::<i64>() {
                    $form.update(|f| f.$field = value);
                }
            },
        )
    };
}

#[component]
pub fn SettingsForm(
    initial: StudyForm,
    /// Reading has begun: show the values, refuse edits.
    locked: bool,
    /// The study holds cases: its de-identification choices are fixed (every import alike).
    #[prop(optional)]
    deid_frozen: bool,
    #[prop(into)] pending: Signal<bool>,
    submit_key: &'static str,
    on_submit: Callback<StudyForm>,
) -> impl IntoView {
    let i18n = use_i18n();
    let form = RwSignal::new(initial);
    let (name, set_name) = bind_text!(form, name);
    let (positive, set_positive) = bind_text!(form, positive_label);
    let (negative, set_negative) = bind_text!(form, negative_label);
    let (washout, set_washout) = bind_number!(form, washout_days);
    let (practice, set_practice) = bind_number!(form, practice_cases);
    let (seed, set_seed) = bind_number!(form, seed);
    let (junior, set_junior) = bind_number!(form, junior_max_years);
    let (intermediate, set_intermediate) = bind_number!(form, intermediate_max_years);
    let (radius, set_radius) = bind_number!(form, acceptance_radius_pct);
    view! {
        <form
            class="form"
            data-testid=ids::SETTINGS_FORM
            on:submit=move |ev| {
                ev.prevent_default();
                on_submit.run(form.get_untracked());
            }
        >
            <fieldset disabled=locked>
                <label>{i18n.tr("settings-name")}
                    <input required data-testid=ids::SETTINGS_NAME prop:value=name on:input=set_name/>
                </label>
                <div class="row">
                    <label>{i18n.tr("settings-positive")}
                        <input required prop:value=positive on:input=set_positive/>
                    </label>
                    <label>{i18n.tr("settings-negative")}
                        <input required prop:value=negative on:input=set_negative/>
                    </label>
                </div>
                <div class="row">
                    <label>{i18n.tr("settings-design")}
                        <WordSelect form test_id=ids::SETTINGS_DESIGN get=|f| f.design set=|f, v| f.design = v/>
                    </label>
                    // The washout separates a crossover study's two sessions; a sequential study
                    // has one session and no washout.
                    <Show when=move || form.with(|f| f.design == ReadingDesign::Crossover)>
                        <label>{i18n.tr("settings-washout")}
                            <input type="number" min="0" max="365" prop:value=washout on:input=set_washout/>
                        </label>
                    </Show>
                </div>
                <div class="row">
                    <label>{i18n.tr("settings-scale")}
                        <WordSelect form get=|f| f.rating_scale set=|f, v| f.rating_scale = v/>
                    </label>
                    <label>{i18n.tr("settings-backnav")}
                        <WordSelect form get=|f| f.back_navigation set=|f, v| f.back_navigation = v/>
                    </label>
                </div>
                <div class="row">
                    <label>{i18n.tr("settings-task")}
                        <WordSelect form test_id=ids::SETTINGS_TASK get=|f| f.task set=|f, v| f.task = v/>
                    </label>
                    // How a mark is scored matters only when readers mark.
                    <Show when=move || form.with(|f| f.task == StudyTask::Localization)>
                        <label>{i18n.tr("settings-mark-rule")}
                            <WordSelect form get=|f| f.mark_rule set=|f, v| f.mark_rule = v/>
                        </label>
                        <Show when=move || form.with(|f| f.mark_rule == MarkRule::Radius)>
                            <label>{i18n.tr("settings-radius")}
                                <input type="number" min="1" max="50" prop:value=radius on:input=set_radius/>
                            </label>
                        </Show>
                        <label class="check">
                            <input
                                type="checkbox"
                                data-testid=ids::SETTINGS_AI_MARKS
                                prop:checked=move || form.with(|f| f.show_ai_marks)
                                on:change=move |ev| form.update(|f| f.show_ai_marks = event_target_checked(&ev))
                            />
                            {i18n.tr("settings-show-ai-marks")}
                        </label>
                    </Show>
                </div>
                <div class="field">
                    <span class="label">{i18n.tr("settings-splits")}</span>
                    <div class="checks">
                        {Split::ALL
                            .iter()
                            .map(|&split| {
                                let checked = move || form.with(|f| f.read_splits.contains(&split));
                                view! {
                                    <label class="check">
                                        <input
                                            type="checkbox"
                                            prop:checked=checked
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                form.update(|f| {
                                                    f.read_splits.retain(|s| *s != split);
                                                    if on {
                                                        f.read_splits.push(split);
                                                    }
                                                });
                                            }
                                        />
                                        {move || i18n.word(split)}
                                    </label>
                                }
                            })
                            .collect_view()}
                    </div>
                </div>
                <div class="row">
                    <label>{i18n.tr("settings-practice")}
                        <input type="number" min="0" max="50" prop:value=practice on:input=set_practice/>
                    </label>
                    <label>{i18n.tr("settings-seed")}
                        <input type="number" prop:value=seed on:input=set_seed/>
                    </label>
                </div>
                <div class="row">
                    <label>{i18n.tr("settings-junior-max")}
                        <input type="number" min="0" prop:value=junior on:input=set_junior/>
                    </label>
                    <label>{i18n.tr("settings-intermediate-max")}
                        <input type="number" min="1" prop:value=intermediate on:input=set_intermediate/>
                    </label>
                </div>
                <div class="row">
                    <label class="check">
                        <input
                            type="checkbox"
                            prop:checked=move || form.with(|f| f.show_clinical)
                            on:change=move |ev| form.update(|f| f.show_clinical = event_target_checked(&ev))
                        />
                        {i18n.tr("settings-show-clinical")}
                    </label>
                    <label>{i18n.tr("settings-default-language")}
                        <WordSelect form get=|f| f.default_locale set=|f, v| f.default_locale = v/>
                    </label>
                </div>
                <DeidChoices form frozen=deid_frozen/>
                <button class="button" type="submit" data-testid=ids::SETTINGS_SUBMIT disabled=move || pending.get()>
                    {move || i18n.text(submit_key)}
                </button>
            </fieldset>
        </form>
    }
}

/// A select over every value of one of the study's words, bound to one field of the form: a
/// value added to the word appears here with its label, without touching the form.
#[component]
fn WordSelect<W>(
    form: RwSignal<StudyForm>,
    get: fn(&StudyForm) -> W,
    set: fn(&mut StudyForm, W),
    #[prop(optional)] test_id: Option<&'static str>,
) -> impl IntoView
where
    W: Word + Send + Sync,
{
    let i18n = use_i18n();
    view! {
        <select
            data-testid=test_id
            prop:value=move || form.with(|f| get(f).as_str())
            on:change=move |ev| {
                if let Ok(value) = W::parse(&event_target_value(&ev)) {
                    form.update(|f| set(f, value));
                }
            }
        >
            {W::ALL
                .iter()
                .map(|&value| {
                    view! { <option value=value.as_str()>{move || i18n.word(value)}</option> }
                })
                .collect_view()}
        </select>
    }
}

/// How imported DICOM files are de-identified: three choices over the basic profile, fixed
/// once the study holds cases.
#[component]
fn DeidChoices(form: RwSignal<StudyForm>, frozen: bool) -> impl IntoView {
    let i18n = use_i18n();
    let choice = |key: &'static str,
                  test_id: &'static str,
                  get: fn(&StudyForm) -> bool,
                  set: fn(&mut StudyForm, bool)| {
        view! {
            <label class="check">
                <input
                    type="checkbox"
                    data-testid=test_id
                    disabled=frozen
                    prop:checked=move || form.with(get)
                    on:change=move |ev| form.update(|f| set(f, event_target_checked(&ev)))
                />
                {i18n.tr(key)}
            </label>
        }
    };
    view! {
        <fieldset class="field" data-testid=ids::SETTINGS_DEID>
            <legend class="label">{i18n.tr("settings-deid")}</legend>
            <p class="muted">{i18n.tr(if frozen { "settings-deid-frozen" } else { "settings-deid-help" })}</p>
            <div class="checks">
                {choice("settings-deid-characteristics", ids::SETTINGS_DEID_CHARACTERISTICS, |f| f.deid_keep_characteristics, |f, v| f.deid_keep_characteristics = v)}
                {choice("settings-deid-descriptions", ids::SETTINGS_DEID_DESCRIPTIONS, |f| f.deid_keep_descriptions, |f, v| f.deid_keep_descriptions = v)}
                {choice("settings-deid-burned-in", ids::SETTINGS_DEID_BURNED_IN, |f| f.deid_accept_burned_in, |f, v| f.deid_accept_burned_in = v)}
            </div>
        </fieldset>
    }
}
