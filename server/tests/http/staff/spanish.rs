//! Staff pages in Spanish: `?lang=es` (then the cookie it sets) turns every staff page's labels,
//! headings and messages into Spanish, with `<html lang="es">`; a resident language staff pages
//! are not written in (Vietnamese, Chinese, Tagalog) shows them in English, marked `lang="en"`.

use app::models::staff::Role;
use reqwest::StatusCode;

use super::helpers::{account, get, post, signed_in};
use crate::both_backends;
use crate::helpers::{Backend, TestApp};
use crate::runs::{seed_responses, store_weighting};

/// Labels of the staff frame that must not be left in English on a Spanish page.
const FRAME_ENGLISH: [&str; 6] = [
    ">Sign out<",
    ">Analysis runs<",
    ">Compare runs<",
    ">Published results<",
    ">Your interview notes<",
    "Loading…",
];

/// The `lang` of the staff content (`<div class="staff-page" lang="…">`).
fn staff_lang(html: &str) -> Option<&str> {
    let start = html.find("class=\"staff-page\"")?;
    let open = html[..start].rfind('<')?;
    let tag = &html[open..open + html[open..].find('>')?];
    let lang = tag.split("lang=\"").nth(1)?;
    lang.split('"').next()
}

/// `path` with `?lang=es` (or `&lang=es`).
fn in_spanish(path: &str) -> String {
    let joiner = if path.contains('?') { '&' } else { '?' };
    format!("{path}{joiner}lang=es")
}

/// GETs `path` in Spanish and checks it: `<html lang="es">`, the staff content marked `es`, the
/// frame in Spanish, each of `spanish` present and none of `english` left.
async fn check(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    spanish: &[&str],
    english: &[&str],
) {
    let (status, html) = get(app, client, &in_spanish(path)).await;
    assert_eq!(status, StatusCode::OK, "{path}: {html}");
    assert!(html.contains("<html lang=\"es\""), "{path}: html lang");
    assert_eq!(
        staff_lang(&html),
        Some("es"),
        "{path}: the staff content says it is Spanish"
    );
    assert!(html.contains(">Cerrar sesión<"), "{path}: the staff menu");
    for text in spanish {
        assert!(html.contains(text), "{path}: {text:?} missing in\n{html}");
    }
    for text in FRAME_ENGLISH.iter().chain(english) {
        assert!(
            !html.contains(text),
            "{path}: {text:?} left in English in\n{html}"
        );
    }
}

both_backends!(
    every_staff_page_reads_in_spanish,
    |app: TestApp| async move {
        let (admin, _) = signed_in(&app, Role::Administrator).await;
        seed_responses(&app).await;
        store_weighting(&app).await;
        let first = server::runs::new_run(&app.db, None, Some(5), 42)
            .await
            .expect("run");
        let run = server::runs::new_run(&app.db, None, Some(5), 43)
            .await
            .expect("second run");
        let (_, dashboard) = get(&app, &admin, &format!("/staff/dashboard?run={run}")).await;
        let theme = dashboard
            .split("href=\"/staff/themes/")
            .nth(1)
            .and_then(|rest| rest.split('?').next())
            .expect("a theme")
            .to_owned();

        check(
            &app,
            &admin,
            "/staff",
            &[
                "<title>Inicio del personal",
                ">Panel<",
                "Registro de auditoría",
            ],
            &["Staff overview", "Need themes ranked"],
        )
        .await;
        check(
            &app,
            &admin,
            &format!("/staff/dashboard?run={run}"),
            &[
                ">Temas de necesidad<",
                "Necesidades en aumento",
                ">Aplicar<",
                "Proporción ponderada",
                "Preguntas cerradas",
                "intervalo del 90 %",
            ],
            &[
                ">Need themes<",
                ">Apply<",
                "Rising needs",
                "Closed questions",
                "Sources per month",
                "Export (curated view)",
            ],
        )
        .await;
        check(
            &app,
            &admin,
            &format!("/staff/themes/{theme}?run={run}"),
            &[
                "Lo que escribió la gente",
                "Curar este tema",
                "Agregar una acción",
                "Separar",
            ],
            &[
                "What people wrote",
                "Curate this theme",
                "Add an action",
                "Save status",
                "Approve this quote",
            ],
        )
        .await;
        check(
            &app,
            &admin,
            "/staff/actions",
            &[
                "Mostrar el tablero",
                "Todas las acciones",
                "Propuesta",
                "Agregar la acción",
            ],
            &[
                "Show the board",
                "All actions",
                "Add the action",
                ">Proposed",
            ],
        )
        .await;
        check(
            &app,
            &admin,
            "/staff/runs",
            &[
                "Iniciar un análisis",
                "Análisis recientes",
                "Representación",
            ],
            &["Start a run", "Recent runs", "Cancel this run", "Open run"],
        )
        .await;
        check(
            &app,
            &admin,
            &format!("/staff/compare?a={first}&b={run}"),
            &[
                "Temas presentes en ambos análisis",
                "Temas nuevos",
                "Comparar",
            ],
            &[
                "Themes in both runs",
                "New themes",
                "Every theme across all runs",
            ],
        )
        .await;
        check(
            &app,
            &admin,
            &format!("/staff/runs/{run}/report"),
            &[
                "Lo que escuchamos",
                "Cómo lo hicimos",
                "Cómo leer este informe",
            ],
            &["What we heard", "How we did this", "How to read this"],
        )
        .await;
        check(
            &app,
            &admin,
            "/staff/publications",
            &[
                "Publicar un análisis",
                "Limitado a",
                "Todavía no se ha publicado nada.",
            ],
            &["Publish a run", "Nothing published yet"],
        )
        .await;
        check(
            &app,
            &admin,
            "/staff/notes",
            &["Notas de entrevista", "Subido por"],
            &["Uploaded by", "confirmed documents"],
        )
        .await;
        check(
            &app,
            &admin,
            "/staff/reports",
            &["Importar un archivo", "Columna de descripción"],
            &["Import a file", "Description column", "Stored reports"],
        )
        .await;

        check(
            &app,
            &admin,
            "/staff/admin/strategy",
            &["Metas de la estrategia y departamentos", "Agregar una meta"],
            &[
                "Add a goal",
                "Add a department",
                "Strategy goals and departments",
            ],
        )
        .await;
        check(
            &app,
            &admin,
            "/staff/admin/weighting",
            &[
                "Ponderación por equidad",
                "Cargar una configuración",
                "Verificar y ver la vista previa",
            ],
            &[
                "Upload a configuration",
                "Check and preview",
                "Population margins",
            ],
        )
        .await;
        check(
            &app,
            &admin,
            "/staff/admin/surveys/resident-digital-services",
            &[
                "Título e introducción",
                "Agregar una pregunta",
                "Traducciones",
            ],
            &["Title and introduction", "Add a question", "Move down"],
        )
        .await;
        check(
            &app,
            &admin,
            "/staff/admin/surveys/resident-digital-services/add-question",
            &[
                "Agregar la pregunta",
                "Opciones, una por línea",
                "Texto largo",
            ],
            &["Add the question", "Options, one per line", "Long text"],
        )
        .await;
        check(
            &app,
            &admin,
            "/staff/admin/users",
            &[
                "Invitar a alguien",
                "Invitaciones abiertas",
                "administrador",
            ],
            &[
                "Invite someone",
                "Open invitations",
                "Create invitation link",
            ],
        )
        .await;
        check(
            &app,
            &admin,
            "/staff/links",
            &["Crear un enlace", "Cuántas respuestas"],
            &["Make a link", "How many responses"],
        )
        .await;
        check(
            &app,
            &admin,
            "/account",
            &[
                "Su cuenta",
                "Tokens de API",
                "Cerrar sesión en todas partes",
            ],
            &["Your account", "API tokens", "Make a token"],
        )
        .await;
        check(
            &app,
            &admin,
            "/staff/admin/audit",
            &["Los últimos 200 eventos", "Cuándo"],
            &["The latest 200 events", ">When<"],
        )
        .await;

        check(
            &app,
            &admin,
            "/staff/admin/surveys",
            &["Crear una encuesta", "Para quién es", "abierta"],
            &["Make a survey", "Who it is for", "Start from"],
        )
        .await;
        check(
            &app,
            &admin,
            "/staff/admin/surveys/resident-digital-services/translations/vi",
            &[
                "Estado de esta traducción",
                "Revisada por un traductor de la Ciudad",
            ],
            &[
                "Status of this translation",
                "texts have no translation yet",
            ],
        )
        .await;
        check(
            &app,
            &admin,
            "/staff/admin/surveys/resident-digital-services/definition",
            &["Toda la encuesta en JSON", "Verificar y guardar"],
            &["The whole survey as JSON", "Check and save"],
        )
        .await;
        let (partner, _) = signed_in(&app, Role::Partner).await;
        check(
            &app,
            &partner,
            "/notes",
            &[
                "Subir notas",
                "Idioma de las notas",
                "Todavía no ha subido nada.",
            ],
            &[
                "Upload notes",
                "Language of the notes",
                "Nothing uploaded yet",
            ],
        )
        .await;

        // The choice is remembered: the next page without `?lang=` is Spanish too.
        let (_, home) = get(&app, &admin, "/staff").await;
        assert!(
            home.contains("<html lang=\"es\""),
            "the cookie keeps Spanish"
        );
        assert!(home.contains(">Cerrar sesión<"));
        // And English comes back when asked for.
        let (_, english) = get(&app, &admin, "/staff?lang=en").await;
        assert!(english.contains(">Sign out<") && english.contains("Staff overview"));
    }
);

both_backends!(
    a_language_without_staff_pages_shows_them_in_english_marked_so,
    |app: TestApp| async move {
        let (analyst, _) = signed_in(&app, Role::Analyst).await;
        for code in ["vi", "zh-Hant", "tl"] {
            let (status, html) =
                get(&app, &analyst, &format!("/staff/dashboard?lang={code}")).await;
            assert_eq!(status, StatusCode::OK);
            assert!(
                html.contains(&format!("<html lang=\"{code}\"")),
                "{code}: the frame"
            );
            assert_eq!(
                staff_lang(&html),
                Some("en"),
                "{code}: the English stand-in is marked lang=en: {html}"
            );
            assert!(
                html.contains(">Need themes<") && html.contains(">Sign out<"),
                "{code}"
            );
            assert!(
                html.contains(">Staff pages are written in English and Spanish"),
                "{code}: the page says why it is in English"
            );
        }
    }
);

both_backends!(
    messages_after_a_form_follow_the_chosen_language,
    |app: TestApp| async move {
        // A wrong password, with Spanish chosen on the sign-in page.
        let client = app.new_client();
        let email = account(&app, Role::Analyst).await;
        let (_, page) = get(&app, &client, "/login?lang=es").await;
        assert!(page.contains("Correo electrónico") && page.contains("Contraseña"));
        let refused = post(
            &app,
            &client,
            "/login",
            "/login",
            &[("email", &email), ("password", "not the password")],
        )
        .await;
        assert_eq!(refused.status(), StatusCode::SEE_OTHER);
        let (_, again) = get(&app, &client, "/login").await;
        assert!(
            again.contains("El correo electrónico o la contraseña no son correctos"),
            "{again}"
        );

        // A run started from the Spanish runs page says so in Spanish.
        let (analyst, _) = signed_in(&app, Role::Analyst).await;
        get(&app, &analyst, "/staff/runs?lang=es").await;
        let started = post(
            &app,
            &analyst,
            "/staff/runs",
            "/staff/runs",
            &[("streams", "resident"), ("representation", "classical")],
        )
        .await;
        assert_eq!(started.status(), StatusCode::SEE_OTHER);
        let (_, runs) = get(&app, &analyst, "/staff/runs").await;
        assert!(runs.contains("está en cola"), "{runs}");
        assert!(!runs.contains("queued. This page updates"), "{runs}");
    }
);
