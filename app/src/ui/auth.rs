//! Who is signed in, for components: one resource over `me()` provided at the root of the
//! app, a `<RequireRole>` wrapper for pages that need an account, and helpers the sign-in
//! pages share (safe redirects, localised error messages, a full-page navigation).

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::api::auth::me;
use crate::domain::user::{messages, CurrentUser, Role};
use crate::i18n::{use_i18n, I18n};
use crate::ids;
use crate::AppError;

/// The signed-in account as a resource: `Ok(None)` for an anonymous visitor.
pub type CurrentUserResource = Resource<Result<Option<CurrentUser>, AppError>>;

/// Creates the resource once, at the root of the app; every component below reads it with
/// [`use_current_user`].
pub fn provide_current_user() -> CurrentUserResource {
    let resource: CurrentUserResource = Resource::new(|| (), |_| me());
    provide_context(resource);
    resource
}

/// The signed-in account (see [`provide_current_user`]).
pub fn use_current_user() -> CurrentUserResource {
    use_context::<CurrentUserResource>().unwrap_or_else(provide_current_user)
}

/// Shows `children` only to a signed-in account whose role includes `role`; otherwise a
/// prompt to sign in (anonymous) or a short explanation (wrong role).
#[component]
pub fn RequireRole(role: Role, children: ChildrenFn) -> impl IntoView {
    let i18n = use_i18n();
    let user = use_current_user();
    view! {
        <div class="require-role">
        <Suspense fallback=move || view! { <p class="muted">{i18n.tr("auth-checking")}</p> }>
            {move || {
                user.get()
                    .map(|result| match result {
                        Ok(Some(user)) if user.role.includes(role) => children().into_any(),
                        Ok(Some(_)) => view! { <Forbidden/> }.into_any(),
                        Ok(None) => view! { <SignInPrompt/> }.into_any(),
                        Err(err) => {
                            view! { <crate::ui::components::notice::ErrorNotice error=err/> }
                                .into_any()
                        }
                    })
            }}
        </Suspense>
        </div>
    }
}

#[component]
fn SignInPrompt() -> impl IntoView {
    // The page behind the prompt is not rendered, so the prompt marks the page hydrated.
    crate::ui::hydration::mark_hydrated();
    let i18n = use_i18n();
    let location = use_location();
    let href = move || format!("/login?next={}", encode_component(&location.pathname.get()));
    view! {
        <div class="notice" data-testid=ids::SIGN_IN_PROMPT>
            <p>{i18n.tr("auth-sign-in-needed")}</p>
            <a class="button" href=href>{i18n.tr("auth-sign-in")}</a>
        </div>
    }
}

#[component]
fn Forbidden() -> impl IntoView {
    crate::ui::hydration::mark_hydrated();
    let i18n = use_i18n();
    view! {
        <div class="notice error" role="alert" data-testid=ids::FORBIDDEN>
            <p>{i18n.tr("auth-forbidden")}</p>
        </div>
    }
}

/// Where to go after signing in: `next` when it is a path on this site, else home. Anything
/// else (`//evil.example`, `https://…`) would make the sign-in page an open redirect.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.contains('\\')
                && !path.chars().any(char::is_control) =>
        {
            path.to_string()
        }
        _ => "/".to_string(),
    }
}

/// Percent-encodes a query value (RFC 3986 unreserved characters and `/` stay).
pub fn encode_component(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// A sign-in or invitation error in the reader's language when it is one of the known ones,
/// else the server's own message.
pub fn error_text(i18n: I18n, err: &AppError) -> String {
    let key = match err {
        AppError::Invalid(message) => match message.as_str() {
            messages::WRONG_CREDENTIALS => Some("login-error-wrong"),
            messages::THROTTLED => Some("login-error-throttled"),
            messages::DISABLED => Some("login-error-disabled"),
            messages::EMAIL_TOO_LONG => Some("login-error-email-too-long"),
            messages::INVITE_UNUSABLE => Some("invite-error-unusable"),
            messages::INVITE_USED => Some("invite-error-used"),
            messages::INVITE_SUPERSEDED => Some("invite-error-superseded"),
            messages::INVITE_EXPIRED => Some("invite-error-expired"),
            messages::PASSWORD_TOO_SHORT => Some("invite-error-short"),
            messages::PASSWORDS_DIFFER => Some("invite-error-differ"),
            _ => None,
        },
        _ => None,
    };
    key.map_or_else(|| err.to_string(), |key| i18n.text(key))
}

/// Loads `path` as a new page, so that every part of it (the header too) is rendered for the
/// account now signed in or out.
pub fn go_to(path: &str) {
    #[cfg(feature = "hydrate")]
    {
        let _ = window().location().set_href(path);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = path;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_on_this_site_are_followed_after_sign_in() {
        assert_eq!(safe_next(Some("/admin/users")), "/admin/users");
        assert_eq!(safe_next(Some("//evil.example/x")), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(Some("/\\evil.example")), "/");
        assert_eq!(safe_next(None), "/");
    }

    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(
            encode_component("/studies/3?tab=a b"),
            "/studies/3%3Ftab%3Da%20b"
        );
    }

    #[test]
    fn known_errors_are_shown_in_the_readers_language() {
        Owner::new().with(|| {
            let i18n = I18n {
                locale: RwSignal::new(crate::i18n::Locale::ZhCn),
            };
            let wrong = AppError::Invalid(messages::WRONG_CREDENTIALS.into());
            let other = AppError::Invalid("something else".into());

            assert_eq!(error_text(i18n, &wrong), "邮箱或密码错误。");
            assert_eq!(error_text(i18n, &other), "something else");
        });
    }
}
