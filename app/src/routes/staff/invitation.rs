//! An invitation link's landing page: choose a name and password to create the account, or read
//! why the link cannot be used (expired, withdrawn, already used, unknown).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::staff::invitation_page;
use crate::components::staff::{CsrfField, FlashMessage, PageError};

#[component]
pub fn InvitationPage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let data = Resource::new(token, invitation_page);
    view! {
        <Title text="Accept your invitation" />
        <h1>"Accept your invitation"</h1>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((_, page)) if page.problem.is_some() => view! {
                        <p class="notice" role="alert">{page.problem}</p>
                        <p><a href="/login">"Go to sign-in"</a></p>
                    }
                    .into_any(),
                    Ok((ctx, page)) => {
                        let action = format!("/invitations/{}", token());
                        let name = ctx.flash.as_ref().map(|f| f.value("name")).unwrap_or_default();
                        let field = ctx.flash.as_ref().and_then(|f| f.field.clone()).unwrap_or_default();
                        let invalid = move |f: &str| (field == f).then_some("true");
                        view! {
                            <p class="lead">
                                {format!(
                                    "You are invited as {} for {}.",
                                    page.role.map(|r| r.as_str()).unwrap_or("partner"),
                                    page.email.unwrap_or_default()
                                )}
                            </p>
                            <FlashMessage flash=ctx.flash.clone() />
                            <form method="post" action=action class="stack-form">
                                <CsrfField token=ctx.csrf.clone() />
                                <label for="name">"Your name"</label>
                                <input type="text" id="name" name="name" autocomplete="name" required value=name aria-invalid=invalid("name") />
                                <label for="password">"Choose a password"</label>
                                <p class="q-help" id="password-help">"At least 12 characters. A few unrelated words make a strong one."</p>
                                <input type="password" id="password" name="password" autocomplete="new-password" required aria-describedby="password-help" aria-invalid=invalid("password") />
                                <label for="confirm">"Type the password again"</label>
                                <input type="password" id="confirm" name="confirm" autocomplete="new-password" required aria-invalid=invalid("confirm") />
                                <button type="submit" class="primary">"Create my account"</button>
                            </form>
                        }
                        .into_any()
                    }
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
