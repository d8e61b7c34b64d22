# Textos de la interfaz de Needscope, español. Las preguntas de las encuestas no están aquí: cada encuesta lleva su propio texto.

nav-surveys = Encuestas
skip-to-content = Saltar al contenido principal
brand-tagline = Ciudad de San José · Necesidades de los residentes
language-picker = Idioma
footer-privacy = Las respuestas son anónimas. No guardamos su nombre, su dirección IP ni datos de su dispositivo.
loading = Cargando…

home-title = Díganos qué necesita de la Ciudad
home-intro = Sus respuestas ayudan a la Ciudad de San José a decidir cómo mejorar sus servicios. Elija una encuesta.
home-none-open = No hay encuestas abiertas en este momento. Vuelva a consultar más tarde.
home-question-count = { $count ->
    [one] 1 pregunta
   *[other] { $count } preguntas
}
back-to-surveys = Volver a la lista de encuestas

survey-question-count = { $count ->
    [one] 1 pregunta. Las preguntas marcadas como “obligatoria” necesitan respuesta; las demás son opcionales.
   *[other] { $count } preguntas. Las preguntas marcadas como “obligatoria” necesitan respuesta; las demás son opcionales.
}
survey-submit = Enviar mis respuestas
survey-sending = Enviando…
survey-closed = Esta encuesta está cerrada y ya no acepta respuestas. Gracias por su interés.
survey-preview = Vista previa para administradores: esta encuesta es un borrador que los residentes no pueden ver. Las respuestas enviadas desde esta página no se guardan.
survey-partly-english = Algunas preguntas aún no están traducidas y se muestran en inglés.
question-required = obligatoria
why-we-ask = Por qué preguntamos:
text-limit = Hasta { $max } caracteres.
question-condition = Responda solo si contestó “{ $answers }” en la pregunta { $number }.
honeypot-label = Deje este campo vacío
district-label = Distrito { $number }
district-not-sure = No estoy seguro/a

error-summary-title = Hay un problema con sus respuestas
error-required = Esta pregunta necesita una respuesta.
error-too-long = Use { $max } caracteres o menos (usó { $actual }).
error-not-a-number = Escriba un número entero, por ejemplo 3.
error-out-of-range = Escriba un número del { $min } al { $max }.
error-invalid-zip = Escriba un código postal de 5 dígitos, por ejemplo 95112.
error-unknown-option = Elija una de las opciones que se muestran.
error-one-option = Elija solo una opción.
error-invalid-rating = Elija una calificación del 1 al 5.
error-unavailable = El servicio no está disponible en este momento. Inténtelo de nuevo en unos minutos.

form-error-rate-limited = Usted envió varias respuestas en poco tiempo. Espere un minuto y vuelva a enviar. Sus respuestas siguen aquí.
form-error-honeypot = No pudimos aceptar sus respuestas porque se llenó un campo oculto. Si usa una herramienta para llenar formularios, desactívela en esta página y vuelva a enviar.
form-error-closed = Esta encuesta se cerró antes de que llegaran sus respuestas, así que no se guardaron.
form-error-malformed = Faltaba una parte del formulario. Vuelva a cargar la página y envíe sus respuestas otra vez.
form-error-unavailable = No pudimos guardar sus respuestas en este momento. Inténtelo de nuevo en un minuto; sus respuestas siguen aquí.

request-too-large-title = Sus respuestas son demasiado largas para enviarlas
request-too-large-body = Las respuestas que envió son más largas de lo que acepta este formulario. Regrese, acorte sus respuestas más largas y vuelva a enviar.
cross-site-title = Estas respuestas llegaron desde otro sitio web
cross-site-body = Por su seguridad, la Ciudad solo acepta respuestas enviadas desde su propio sitio, así que no se guardó nada. Abra la encuesta en el sitio de la Ciudad y responda allí.
cross-site-link = Abrir la encuesta en el sitio de la Ciudad
too-many-requests-title = Espere un momento

thanks-title = ¡Gracias!
thanks-body = Sus respuestas se guardaron. Ayudarán a la Ciudad a entender lo que necesitan los residentes.

not-found-title = Página no encontrada
not-found-body = No encontramos esa página. Puede que se haya movido o que la encuesta ya no exista.

invite-for = Está respondiendo en nombre de { $organization }. Sus respuestas se contarán para su organización.
invite-unknown = Este enlace de invitación no funciona: puede estar mal escrito o ser para otra encuesta. Pida un enlace nuevo a quien se lo envió.
invite-revoked = La Ciudad retiró este enlace de invitación. Pida un enlace nuevo a quien se lo envió.
invite-expired = Este enlace de invitación ha vencido. Pida un enlace nuevo a quien se lo envió.
invite-used-up = Este enlace de invitación ya se usó todas las veces que permite. Pida un enlace nuevo a quien se lo envió.
form-error-invite-gone = El enlace de invitación que abrió dejó de funcionar (venció, ya se usó o fue retirado), así que sus respuestas todavía no se guardaron. Siguen aquí: puede enviarlas ahora sin el enlace y se contarán sin el nombre de su organización.

## Lo que escuchamos: los resultados públicos (routes/results.rs, components/results/), los datos abiertos y el canal.
results-title = Lo que escuchamos
results-title-survey = Lo que escuchamos: { $survey }
results-lead = Esto es lo que los residentes le dijeron a la Ciudad, y lo que la Ciudad está haciendo al respecto.
results-published = Publicado el { $date }.
results-none = Todavía no se han publicado resultados. Vuelva a consultar más adelante.
results-respondents = { $count ->
    [one] 1 residente respondió la encuesta.
   *[other] { $count } residentes respondieron la encuesta.
}
results-needs-heading = Lo que más necesitan los residentes
results-share = Proporción de residentes: { $share } (probablemente entre { $lower } y { $upper })
results-share-plain = Proporción de residentes: { $share }
results-share-weighted-note = Las proporciones están ponderadas para que los grupos que respondieron menos cuenten tanto como su parte de la ciudad.
results-need-respondents = { $count ->
    [one] 1 residente mencionó esto.
   *[other] { $count } residentes mencionaron esto.
}
results-withheld = Las cifras de esta necesidad no se muestran, para proteger la privacidad de los pocos residentes que la mencionaron, o porque no se pudieron estimar con confianza.
results-actions-heading = Lo que está haciendo la Ciudad
results-no-actions = La Ciudad todavía no ha anunciado ninguna acción para esta necesidad.
results-action-due = Previsto para el { $date }
results-action-department = A cargo de { $department }
results-action-status = Estado: { $status }
results-status-proposed = Propuesta
results-status-planned = Planificada
results-status-in-progress = En curso
results-status-done = Terminada
results-status-wont-do = No se llevará a cabo
results-quotes-heading = En palabras de los residentes
results-districts-heading = Por distrito del concejo
results-districts-caption = Proporción de los residentes de cada distrito que mencionaron cada necesidad
results-district-respondents = Residentes que respondieron
results-district-need = Necesidad
results-suppressed-note = — significa que la cifra no se muestra: hay muy pocos residentes detrás de ella para mostrarla sin poner en riesgo su privacidad, o mostrarla permitiría deducir una cifra oculta.
results-about-heading = Acerca de estos resultados
results-period = Respuestas del { $from } al { $to }
results-period-label = Período
results-sources-label = Qué se analizó
results-source-resident = Respuestas a la encuesta
results-source-department = Respuestas de directivos de departamentos
results-source-community-org = Respuestas de organizaciones comunitarias
results-source-notes = Notas de entrevistas de organizaciones aliadas
results-source-reports = Solicitudes de servicio al 311
results-how-heading = Cómo leer estos resultados
results-how-ranking = Las necesidades se ordenan según la proporción de residentes que las mencionaron, ponderada para que las comunidades menos escuchadas cuenten plenamente.
results-how-interval = Cada proporción viene con un rango: tenemos un 90 % de certeza de que la proporción real está dentro de él, porque no todos los residentes respondieron.
results-how-quotes = Las citas solo se muestran con la aprobación de la Ciudad, sin nombres, teléfonos ni direcciones.
results-how-status = El estado de cada acción se mantiene al día a medida que avanza el trabajo de la Ciudad.
results-data-heading = Datos abiertos y novedades
results-data-intro = Todo lo que aparece en esta página, libre para reutilizar:
results-data-needs = Necesidades (CSV)
results-data-districts = Distritos (CSV)
results-data-actions = Acciones (CSV)
results-data-json = Todos los resultados (JSON)
results-data-package = Diccionario de datos y licencia (Data Package)
results-data-index = Todos los datos abiertos
results-feed = Siga los nuevos resultados y avances (canal Atom)
results-earlier-heading = Otros resultados publicados
results-survey-link = Resultados de «{ $survey }»
results-all-link = Resultados de todas las encuestas
results-publication-link = Publicado el { $date }: { $scope }
results-scope-all = todas las encuestas
results-thanks-link = Vea lo que los residentes le han dicho a la Ciudad hasta ahora, y lo que está haciendo al respecto
results-not-found-body = No encontramos estos resultados. Es posible que hayan sido reemplazados por otros más recientes.
results-back = Ver los resultados más recientes
open-data-title = Datos abiertos
open-data-intro = Cada publicación de resultados está disponible en archivos CSV y JSON, con un diccionario de datos. Se publican con la licencia { $license }.
open-data-none = Todavía no se ha publicado nada.
open-data-publication = Resultados publicados el { $date }: { $scope }
feed-title = Lo que escuchamos: resultados y avances
feed-publication = Nuevos resultados publicados: { $scope }
feed-action = { $need }: «{ $action }», estado: { $status }
results-not-shown = no se muestra

# Páginas del personal (solo inglés y español: las claves staff- no están en vi, zh-Hant ni tl;
# las páginas del personal se muestran en inglés, marcadas lang="en", si se elige uno de esos).

# Staff: shared frame (navigation, errors, roles)
staff-loading = Cargando…
staff-sign-in = Iniciar sesión
staff-nav-label = Personal
staff-nav-english-only = Las páginas del personal están en inglés y español; esta página se muestra en inglés.
staff-nav-overview = Inicio
staff-nav-dashboard = Panel
staff-nav-runs = Análisis
staff-nav-compare = Comparar análisis
staff-nav-actions = Acciones
staff-nav-publications = Resultados publicados
staff-nav-all-notes = Todas las notas de entrevista
staff-nav-links = Enlaces de invitación
staff-nav-reports = Reportes al 311
staff-nav-surveys = Encuestas
staff-nav-strategy = Estrategia
staff-nav-users = Usuarios
staff-nav-weighting = Ponderación
staff-nav-audit = Registro de auditoría
staff-nav-my-notes = Sus notas de entrevista
staff-nav-account = Cuenta
staff-nav-sign-out = Cerrar sesión
staff-role-administrator = administrador
staff-role-analyst = analista
staff-role-partner = organización aliada
staff-error-sign-in = Inicie sesión para ver esta página.
staff-error-forbidden = Su rol no le permite ver esta página.
staff-error-not-found = No hay nada aquí.
staff-error-unavailable = El servicio no está disponible. Intente de nuevo en unos momentos.

# Staff: sign-in
staff-login-lead = Para el personal de la Ciudad y las organizaciones aliadas. Los residentes no necesitan una cuenta para responder una encuesta.
staff-login-email = Correo electrónico
staff-login-password = Contraseña

# Staff: overview
staff-home-title = Inicio del personal
staff-home-dashboard = Temas de necesidad ordenados por prioridad ponderada por equidad, con citas, gráficas y exportaciones.
staff-home-runs = Agrupe en temas el texto libre de las respuestas y los reportes; siga el avance o cancele.
staff-home-surveys = Abra y cierre las encuestas; vea cuántas respuestas tiene cada una.
staff-home-users = Invite a analistas y organizaciones aliadas, cambie roles, desactive cuentas.
staff-home-audit = Inicios de sesión, cambios de rol y de configuración, exportaciones y análisis.

# Staff: shared table headings and words
staff-col-theme = Tema
staff-col-rank = Lugar
staff-col-share = Proporción
staff-col-weighted-share = Proporción ponderada
staff-col-priority = Prioridad
staff-col-people = Personas
staff-col-streams = Fuentes
staff-col-sources-per-month = Aportes por mes
staff-col-respondents = Encuestados
staff-col-answer = Respuesta
staff-suppressed = suprimido
staff-chart-data-table = { $title }: tabla de datos

# Staff: dashboard (routes/staff/dashboard.rs, components/dashboard_filters.rs, weighting_notice.rs, closed.rs)
staff-dashboard-title = Temas de necesidad
staff-dashboard-no-run = Todavía no hay ningún análisis.
staff-dashboard-start-run = Inicie uno cuando hayan llegado respuestas.
staff-dashboard-all-streams = todas las fuentes
staff-dashboard-run-meta = Análisis { $run } · { $created } · { $representation } · { $units } unidades de { $respondents } encuestados o documentos · { $unclassified } sin clasificar · { $scope }
staff-dashboard-filtered = Filtrado: las personas, las tendencias y los resultados de preguntas cerradas corresponden a la encuesta, fuente, idioma, distrito y fechas elegidos; las proporciones ponderadas y los lugares corresponden a todo el análisis.
staff-dashboard-curated = Vista curada: el personal unió o dividió temas, así que sus cifras se volvieron a contar y ponderar sobre los temas curados. El análisis tal como quedó registrado no cambia.
staff-dashboard-export = Exportar (vista curada):
staff-dashboard-export-themes-csv = temas (CSV)
staff-dashboard-export-themes-json = temas (JSON)
staff-dashboard-export-breakdown = desglose (CSV)
staff-dashboard-export-closed = preguntas cerradas (CSV)
staff-dashboard-export-audit = registro de auditoría del análisis (JSON)
staff-dashboard-report = informe “Lo que escuchamos”
staff-dashboard-compare = comparar con otro análisis
staff-dashboard-publish = publicar este análisis
staff-dashboard-rising = Necesidades en aumento
staff-dashboard-rising-short = { $months ->
    [one] Este análisis abarca 1 mes; las necesidades en aumento o en baja se muestran cuando abarque seis.
   *[other] Este análisis abarca { $months } meses; las necesidades en aumento o en baja se muestran cuando abarque seis.
}
staff-dashboard-rising-none = Ningún tema aumentó claramente en los últimos tres meses ({ $stream }, de { $from } a { $to }).
staff-dashboard-rising-meta = Aportes de los últimos tres meses frente a los tres anteriores ({ $stream }).
staff-dashboard-rising-counts = : { $recent } frente a { $before }
staff-dashboard-set-aside = Apartados por el personal
staff-dashboard-set-aside-item = { $people ->
    [one] { " " }({ $status }, 1 persona)
   *[other] { " " }({ $status }, { $people } personas)
}
staff-dashboard-sensitivity = Cómo cambia el orden con la ponderación
staff-dashboard-tau = τ de Kendall entre el orden sin ponderar y el orden ajustado × equidad: { $tau }
staff-dashboard-rank-unweighted = Lugar sin ponderar
staff-dashboard-rank-raked = Lugar ajustado
staff-dashboard-rank-equity = Lugar ajustado × equidad
staff-dashboard-breakdown = Por { $variable } (ajustado × equidad, celdas pequeñas suprimidas)
staff-dashboard-caption-weighted = Temas por prioridad ponderada por equidad: proporción de residentes (ajustada × equidad) con su intervalo del 90 %
staff-dashboard-caption-unweighted = Temas según cuántas personas los mencionaron (sin ponderar por equidad)
staff-dashboard-since-last = Desde el análisis anterior
staff-dashboard-since-run = Desde el análisis { $run }
staff-dashboard-new = nuevo
staff-dashboard-same-rank = = mismo lugar
staff-dashboard-suppressed-why = { " " }(cifras ponderadas suprimidas: { $reason })
staff-dashboard-spark-title = { $theme }: aportes por mes
staff-dashboard-everyone = a todos
staff-dashboard-updated = { $themes ->
    [one] Panel actualizado: 1 tema del análisis { $run }, contando { $scope }.
   *[other] Panel actualizado: { $themes } temas del análisis { $run }, contando { $scope }.
}
staff-filter-run = Análisis
staff-filter-survey = Encuesta
staff-filter-all-surveys = Todas, con reportes y notas
staff-filter-stream = Fuente
staff-filter-all = Todos
staff-filter-language = Idioma
staff-filter-district = Distrito
staff-filter-district-n = Distrito { $number }
staff-filter-goal = Meta
staff-filter-department = Departamento
staff-filter-from = Desde
staff-filter-to = Hasta
staff-filter-by = Desglosar por
staff-filter-apply = Aplicar
staff-weighting-notice = Sin ponderar por equidad: { $problem }. Los temas se ordenan según cuántas personas los mencionaron.
staff-weighting-notice-link = Configure o cambie la ponderación
staff-weighting-notice-admin = (márgenes de población e índice de equidad) y luego inicie un nuevo análisis.
staff-weighting-notice-ask = Pida a un administrador que configure la ponderación (márgenes de población e índice de equidad) en la página Ponderación y luego inicie un nuevo análisis.
staff-closed-title = Preguntas cerradas
staff-closed-none = Los encuestados de este análisis y esta selección no respondieron ninguna pregunta cerrada.
staff-closed-weighted = Las proporciones ponderadas usan los pesos de ajuste del análisis y abarcan a los residentes que ponderó (los que escribieron una respuesta analizada); las demás cifras son conteos sin ponderar de todos los encuestados.
staff-closed-unweighted = Este análisis no está ponderado: todas las proporciones son sin ponderar, sobre el número de encuestados indicado.
staff-closed-intro = Respuestas de los encuestados que analizó este análisis, después de los filtros de fuente e idioma (el idioma en que se respondió la encuesta). Los conteos menores de { $min } se suprimen, igual que cualquier celda que un total mostrado permitiría deducir. { $weighting } Se omiten las preguntas que nadie respondió.
staff-closed-survey-heading = { $survey }: cómo respondió la gente
staff-closed-question = Pregunta
staff-closed-against = Frente a
staff-closed-cross = Cruzar
staff-closed-cross-help = “Frente a” enumera las demás preguntas de la encuesta de la pregunta elegida; después de elegir una pregunta de otra encuesta, presione Cruzar para ver su lista.
staff-closed-by-theme = Temas según la respuesta a “{ $question }”
staff-closed-by-theme-help = Cada celda: de los encuestados que dieron esa respuesta y escribieron una respuesta analizada, la proporción cuyas respuestas caen en el tema. Se suprime cualquier columna con muy pocos encuestados de este tipo.
staff-closed-fewer-than = { $label } (menos de { $min })
staff-closed-by-against = “{ $question }” según “{ $against }”
staff-closed-by-against-help = Cada celda: encuestados y su proporción de la fila (los encuestados de ese grupo que respondieron).
staff-closed-answered = { $count ->
    [one] 1 encuestado respondió
   *[other] { $count } encuestados respondieron
}
staff-closed-answered-suppressed = respondió un número suprimido de encuestados
staff-closed-skipped = { $count } la omitieron
staff-closed-not-asked = { $count ->
    [one] a 1 no se le preguntó (sus respuestas anteriores la saltaron)
   *[other] a { $count } no se les preguntó (sus respuestas anteriores la saltaron)
}
staff-closed-several = Los encuestados podían elegir varias: las proporciones suman más del 100 %.
staff-closed-chart-desc = Barras horizontales, una por respuesta en el orden de la encuesta, con la proporción sin ponderar de quienes respondieron: { $answers }. { $facts }.{ $several }
staff-closed-weighted-share = Proporción ponderada ({ $count } ponderados)

# Staff: theme page (routes/staff/theme.rs)
staff-status-need = necesidad
staff-status-not-a-need = no es una necesidad
staff-status-hidden = oculto
staff-previous = ← Anterior
staff-next = Siguiente →
staff-page-of = Página { $page } de { $pages }
staff-theme-page-title = { $theme } · tema
staff-theme-back = ← Todos los temas del análisis { $run }
staff-theme-none = No existe ese tema
staff-theme-none-body = Este análisis no tiene ningún tema con ese identificador (puede que se haya unido a otro).
staff-theme-see-all = Ver todos los temas.
staff-theme-named-generated = Nombre creado a partir de las propias respuestas del tema. Palabras clave: { $keywords }.
staff-theme-named-carried = Nombrado por el personal en el análisis { $run } ({ $at }) y trasladado a este análisis. Palabras clave: { $keywords }.
staff-theme-named-staff = Nombrado por el personal ({ $at }). Palabras clave: { $keywords }.
staff-theme-rising = en aumento
staff-theme-falling = en baja
staff-theme-steady = estable
staff-theme-trend = { $way }: { $recent } aportes en los últimos tres meses, { $before } en los tres anteriores
staff-theme-chart-desc = Columnas, una por mes de { $from } a { $to }: { $counts }.
staff-theme-set-aside = Apartado por el personal: { $status }. No se incluye en la clasificación.
staff-theme-split-from = Separado del tema { $theme } por el personal.
staff-theme-shown-with = Se muestra junto con: { $themes }.
staff-theme-not-ranked = sin clasificar
staff-theme-people = { $people } ({ $share } de las personas analizadas)
staff-theme-weighted-share = { $share } — intervalo del 90 % entre paréntesis
staff-theme-weighted-figures = Cifras ponderadas
staff-theme-suppressed = suprimidas: { $reason }
staff-theme-not-weighted = sin ponderar: { $problem }
staff-theme-by-stream = Por fuente
staff-theme-languages = Idiomas
staff-theme-none-yet = ninguno todavía
staff-theme-goals = Metas
staff-theme-trend-label = Tendencia
staff-theme-quotes = Lo que escribió la gente
staff-theme-quotes-help = Las citas aprobadas pueden aparecer en el informe “Lo que escuchamos” y en los resultados públicos.
staff-theme-quote-meta = { " " }· escrita en { $lang } · { $approved }
staff-theme-approved = aprobada
staff-theme-not-approved = no aprobada
staff-theme-withdraw-approval = Retirar la aprobación
staff-theme-approve = Aprobar esta cita
staff-theme-breakdown = Por { $variable } (ajustado × equidad)
staff-theme-answers-to = Respuestas a “{ $question }”
staff-theme-sources = Aportes ({ $count })
staff-theme-split-label = Separar las respuestas marcadas en un tema nuevo llamado
staff-theme-split = Separar
staff-theme-source-pages = Páginas de aportes
staff-theme-curate = Curar este tema
staff-theme-curate-help = Los cambios se guardan por identificador de tema, pasan a los análisis siguientes y quedan en el registro de auditoría. El análisis registrado no cambia.
staff-theme-name = Nombre
staff-theme-name-hint = Déjelo vacío para usar el nombre creado a partir de las respuestas.
staff-theme-description = Descripción
staff-theme-save-name = Guardar nombre y descripción
staff-theme-strategy-goals = Metas de la estrategia
staff-theme-owning-department = Departamento responsable
staff-theme-none-yet-option = Ninguno todavía
staff-theme-save-goals = Guardar metas y departamento
staff-theme-show-as = Mostrar este tema como
staff-theme-as-need = Una necesidad (clasificada)
staff-theme-as-hidden = Oculto en el resumen
staff-theme-as-not-a-need = No es una necesidad (agradecimientos, fuera de tema)
staff-theme-save-status = Guardar estado
staff-theme-merge-into = Mostrar este tema dentro de
staff-theme-merge = Unir
staff-theme-unmerge = Volver a mostrar { $theme } por separado

# Staff: actions board and theme actions (routes/staff/actions.rs, components/actions.rs)
staff-none = Ninguna.
staff-or = o
staff-archived-name = { $name } (archivado)
staff-action-proposed = Propuesta
staff-action-planned = Planificada
staff-action-in-progress = En curso
staff-action-done = Terminada
staff-action-wont-do = No se hará
staff-actions-lead = Lo que harán los departamentos sobre los temas de necesidad y en qué estado está cada acción.
staff-actions-all = Todas las acciones
staff-actions-of = Acciones del departamento { $department }
staff-actions-for = Acciones para la meta “{ $goal }”
staff-actions-of-for = Acciones del departamento { $department } para la meta “{ $goal }”
staff-actions-choose-board = Elegir un tablero
staff-actions-all-departments = Todos los departamentos
staff-actions-strategy-goal = Meta de la estrategia
staff-actions-all-goals = Todas las metas
staff-actions-show-board = Mostrar el tablero
staff-actions-count = { $count ->
    [one] 1 acción
   *[other] { $count } acciones
}
staff-actions-overdue-count = , { $count } vencidas
staff-actions-download = Descargue este tablero en
staff-actions-add = Agregar una acción
staff-actions-none-on-theme = Este tema todavía no tiene acciones.
staff-actions-on-theme = Acciones del tema { $theme }
staff-actions-col-action = Acción
staff-actions-col-status = Estado
staff-actions-col-start = Inicio
staff-actions-col-due = Vence
staff-actions-col-summary = Resumen público
staff-actions-col-change = Cambiar
staff-actions-overdue = Vencida
staff-actions-status-of = Estado de “{ $title }”
staff-actions-move = Mover
staff-actions-theme-id = Identificador del tema (por ejemplo, T-003)
staff-actions-title = Título
staff-actions-start-date = Fecha de inicio (AAAA-MM-DD, opcional)
staff-actions-due-date = Fecha de vencimiento (AAAA-MM-DD, opcional; no antes del inicio)
staff-actions-summary-label = Resumen público: lo que se les dirá a los residentes (máximo { $max } caracteres)
staff-actions-add-button = Agregar la acción
staff-actions-edit = Editar “{ $title }”
staff-actions-save = Guardar la acción

# Staff: interview notes and 311 reports (routes/staff/notes.rs, components/notes.rs, routes/staff/reports.rs)
staff-none-yet = Ninguno todavía.
staff-notes-title = Notas de entrevista
staff-notes-count = { $count ->
    [one] 1 documento confirmado. Cada uno cuenta como un aporte en un análisis, sin importar su extensión.
   *[other] { $count } documentos confirmados. Cada uno cuenta como un aporte en un análisis, sin importar su extensión.
}
staff-notes-file = Archivo
staff-notes-organization = Organización
staff-notes-community = Comunidad
staff-notes-community-served = Comunidad atendida
staff-notes-interview = Entrevista
staff-notes-interview-date = Fecha de la entrevista
staff-notes-interviewee-role = Rol de la persona entrevistada
staff-notes-passages = Pasajes
staff-notes-redacted = Datos eliminados
staff-notes-uploaded = Subido
staff-notes-uploaded-by = Subido por
staff-notes-removed = Eliminado: dato personal
staff-notes-back = ← Todas las notas de entrevista
staff-reports-title = Reportes de residentes (311)
staff-reports-lead = Importe solicitudes de servicio como una fuente propia. El archivo se lee fila por fila; una fila que no se puede usar aparece con su número de línea y el motivo, y las filas válidas se importan de todas formas.
staff-reports-refused = Filas rechazadas
staff-reports-import-file = Importar un archivo
staff-reports-file-help = Una exportación CSV con fila de encabezados, o un requests.json de Open311 GeoReport v2.
staff-reports-format = Formato
staff-reports-format-auto = Según el nombre del archivo (.json es Open311)
staff-reports-source = Fuente
staff-reports-source-help = Un nombre corto, como sj311; los identificadores de solicitud son únicos dentro de una fuente.
staff-reports-columns = Columnas del CSV (nombres como en la fila de encabezados)
staff-reports-id-column = Columna del identificador de solicitud
staff-reports-id-column-help = Único por solicitud; así, volver a importar el mismo archivo no agrega nada dos veces. Obligatoria para CSV.
staff-reports-text-column = Columna de descripción
staff-reports-text-column-help = Las propias palabras del residente. Obligatoria para CSV.
staff-reports-category-column = Columna de categoría
staff-reports-category-column-help = Opcional: el tipo de solicitud.
staff-reports-date-column = Columna de fecha
staff-reports-date-column-help = Opcional: cuándo se hizo la solicitud (fechas como 2026-03-14 o 03/14/2026).
staff-reports-district-column = Columna del distrito del concejo
staff-reports-zip-column = Columna del código postal
staff-reports-optional = Opcional.
staff-reports-import = Importar
staff-reports-stored = Reportes guardados
staff-reports-reports = Reportes

# Staff: analysis runs (routes/staff/runs.rs)
staff-stream-resident = Encuesta a residentes
staff-stream-department = Líderes de departamento
staff-stream-community-org = Organizaciones comunitarias
staff-stream-notes = Notas de entrevista
staff-stream-reports = Reportes de residentes (311)
staff-job-queued = en cola
staff-job-running = en curso
staff-job-succeeded = terminado
staff-job-failed = falló
staff-job-cancelled = cancelado
staff-runs-stored = Hay { $responses } respuestas de encuestas y { $reports } reportes importados guardados.
staff-runs-start = Iniciar un análisis
staff-runs-from = Desde (primer día, opcional)
staff-runs-to = Hasta (último día, opcional)
staff-runs-representation = Representación
staff-runs-classical = Clásica (TF-IDF + LSA): rápida, basada en palabras clave
staff-runs-semantic = Semántica (incrustaciones de oraciones): agrupa por significado
staff-runs-semantic-missing = Semántica: requiere un modelo de oraciones (model_dir) configurado en el servidor
staff-runs-k = Número de temas (déjelo vacío para elegirlo automáticamente)
staff-runs-start-button = Iniciar el análisis
staff-runs-recent = Análisis recientes
staff-runs-in-progress = Hay un análisis en curso; esta lista lo sigue sola cuando JavaScript está activado.
staff-runs-reload = Vuelva a cargar para ver su avance
staff-runs-none = Todavía no hay análisis.
staff-runs-all-dates = todas las fechas
staff-runs-dates = de { $from } a { $to }
staff-runs-date-start = el inicio
staff-runs-date-now = hoy
staff-runs-request = Solicitud de análisis { $id }
staff-runs-stopping = (deteniéndose…)
staff-runs-job-meta = { $created } · por { $by } · { $scope }
staff-runs-starting = iniciando
staff-runs-open = Abrir el análisis { $run } en el panel
staff-runs-report = Informe del análisis { $run } (“Lo que escuchamos”, para imprimir)
staff-runs-publish = Publicar el análisis { $run }
staff-runs-cancel = Cancelar este análisis

# Staff: compare runs (routes/staff/compare.rs)
staff-and = y
staff-compare-run-name = Análisis { $run } ({ $created })
staff-compare-basis-weighted = proporción de residentes ponderada (ajuste × equidad)
staff-compare-basis-unweighted = proporción sin ponderar de encuestados y documentos
staff-compare-needs-two = { $count ->
    [one] Para comparar se necesitan dos análisis; hay uno.
   *[other] Para comparar se necesitan dos análisis; todavía no hay ninguno.
}
staff-compare-run-a = Análisis A (anterior)
staff-compare-run-b = Análisis B (posterior)
staff-compare-button = Comparar
staff-compare-basis-note-weighted = Las proporciones son la { $basis }, con las celdas pequeñas suprimidas como en el panel.
staff-compare-basis-note-unweighted = { $count ->
    [one] Las proporciones son la { $basis }: el análisis { $runs } no está ponderado por equidad, así que no se pueden comparar proporciones ponderadas.
   *[other] Las proporciones son la { $basis }: los análisis { $runs } no están ponderados por equidad, así que no se pueden comparar proporciones ponderadas.
}
staff-compare-json = Esta comparación (JSON)
staff-compare-report-of = Informe del análisis { $run }
staff-compare-both = Temas presentes en ambos análisis
staff-compare-none-kept = Ningún tema conservó su identificador del análisis A al análisis B.
staff-compare-both-caption = Temas presentes en ambos análisis: proporción y lugar en el análisis { $a } y en el análisis { $b }
staff-compare-share-a = Proporción en A (análisis { $run })
staff-compare-share-b = Proporción en B (análisis { $run })
staff-compare-change = Cambio
staff-compare-rank-a = Lugar en A
staff-compare-rank-b = Lugar en B
staff-compare-movement = Movimiento
staff-compare-same-rank = mismo lugar
staff-compare-up = { $places ->
    [one] sube 1 lugar
   *[other] sube { $places } lugares
}
staff-compare-down = { $places ->
    [one] baja 1 lugar
   *[other] baja { $places } lugares
}
staff-compare-not-ranked = no está clasificado en ambos análisis
staff-compare-new = Temas nuevos
staff-compare-new-help = En el análisis B, no en el análisis A.
staff-compare-no-new = No hay temas nuevos.
staff-compare-gone = Temas que desaparecieron
staff-compare-gone-help = En el análisis A, no en el análisis B.
staff-compare-no-gone = Ningún tema desapareció.
staff-compare-regrouped = Temas unidos y divididos
staff-compare-regrouped-help = Se deduce de las respuestas que analizaron ambos análisis: los temas se unieron cuando al menos una cuarta parte de cada uno pasó a un mismo tema del análisis B; un tema se dividió cuando al menos una cuarta parte pasó a cada uno de varios.
staff-compare-badge-new = nuevo
staff-compare-badge-gone = desapareció
staff-compare-badge-merged = unido
staff-compare-badge-split = dividido
staff-compare-rank-n = , lugar { $rank }
staff-compare-no-regrouping = Ningún tema se unió ni se dividió.
staff-compare-merged = { $from } pasaron a { $into } ({ $parts } de cada uno)
staff-compare-split = { $from } se dividió en { $into } ({ $part } del tema)
staff-compare-history = Todos los temas en todos los análisis
staff-compare-history-help = La { $basis } de cada tema en cada análisis, del más antiguo al más reciente; un hueco significa que el tema no estaba en ese análisis o que su proporción se suprimió.
staff-compare-history-caption = Proporción de cada tema en cada análisis
staff-compare-line = Línea
staff-compare-run-n = Análisis { $run }
staff-compare-run-spoken = análisis { $run }
staff-compare-none-share = ninguna
staff-compare-share-by-run = { $theme }: proporción por análisis

# Staff: "What we heard" run report (routes/staff/report.rs)
staff-report-title = Lo que escuchamos
staff-report-interval = { $share } (intervalo del 90 %: { $lower } – { $upper })
staff-report-configured-margins = los márgenes configurados
staff-report-no-run = No existe el análisis { $run }.
staff-report-not-a-number = “{ $text }” no es un número de análisis.
staff-report-see-runs = Ver los análisis
staff-report-chart-weighted = Proporción de residentes que mencionan cada necesidad, ponderada
staff-report-chart-weighted-desc = Barras horizontales, una por tema en orden de prioridad, con proporciones ponderadas (ajuste × equidad); las líneas muestran intervalos del 90 %. Los temas cuyas cifras ponderadas se reservan muestran su proporción sin ponderar y sin línea.
staff-report-chart-unweighted = Proporción de personas que mencionan cada necesidad, sin ponderar
staff-report-chart-unweighted-desc = Barras horizontales, una por tema, de mayor a menor.
staff-report-lead = Las necesidades que plantearon los residentes y las organizaciones aliadas, según el análisis { $run } ({ $created }).
staff-report-print = Para imprimir este informe o guardarlo como PDF, use el comando Imprimir de su navegador; la navegación y los botones no aparecen en la impresión.
staff-report-open-dashboard = Abrir este análisis en el panel
staff-report-analysed = Qué se analizó
staff-report-scope = Alcance
staff-report-text = Texto analizado
staff-report-text-value = { $units } respuestas, pasajes y reportes de { $respondents } personas, documentos y reportes; { $unclassified } no encajaron en ningún tema
staff-report-by-source = Quiénes se cuentan, por fuente
staff-report-people-docs = Personas, documentos o reportes
staff-report-needs = Necesidades en orden de prioridad
staff-report-ranked-weighted = Temas ordenados por prioridad ponderada por equidad
staff-report-ranked-unweighted = Temas según cuántas personas los mencionaron
staff-report-weighted-share = Proporción ponderada de residentes
staff-report-withheld = reservada (muy pocas personas para publicarla)
staff-report-not-weighted = sin ponderar
staff-report-themes = Lo que nos dijo la gente, tema por tema
staff-report-reading = Cómo leer este informe
staff-report-reading-theme = Un tema es una necesidad que muchas personas describieron con sus propias palabras; su nombre resume lo que escribieron. Las citas son de ellas, en el idioma en que escribieron, sin datos personales.
staff-report-reading-weighted = La proporción es la parte de los residentes que mencionó la necesidad, ponderada para que las personas que respondieron representen a la población de la Ciudad y den más peso a las zonas que el índice de equidad de la Ciudad señala como más necesitadas. Una persona puede mencionar varias necesidades, así que las proporciones suman más del 100 %.
staff-report-reading-unweighted = Este análisis no está ponderado: la proporción es la parte de las personas, documentos y reportes analizados que mencionó la necesidad, y todavía no dice nada sobre la población de la Ciudad en su conjunto. Una persona puede mencionar varias necesidades, así que las proporciones suman más del 100 %.
staff-report-reading-interval = El intervalo del 90 % es el rango en el que probablemente estaría la proporción si hubieran respondido otros residentes como estos: cuando los intervalos de dos temas se superponen, su orden no es seguro.
staff-report-reading-sources = Las notas de entrevista, los líderes de departamento, las organizaciones comunitarias y los reportes al 311 se cuentan como fuentes propias, nunca mezcladas con las proporciones de residentes.
staff-report-reading-withheld = Las cifras que provienen de muy pocas personas se reservan, para que nadie pueda ser identificado.
staff-report-theme-weighted = { $share } de los residentes, ponderada
staff-report-theme-withheld = proporción ponderada reservada: { $reason }
staff-report-theme-people = { $people } personas, documentos o reportes ({ $share } de lo analizado)
staff-report-no-quote = Todavía no hay ninguna cita aprobada para este tema (el personal aprueba las citas en la página del tema).
staff-report-written-in = { " " }· escrita en { $lang }
staff-report-configured = configurado
staff-report-method-semantic = Las respuestas se convirtieron en incrustaciones de oraciones con el modelo { $model }, que acerca las respuestas con el mismo significado aunque cambien las palabras o el idioma, y se agruparon con k-medias.
staff-report-method-classical = Las respuestas se compararon por las palabras que usan (TF-IDF, reducido con análisis semántico latente) y se agruparon con k-medias.
staff-report-k-auto = El número de temas, { $k }, se eligió automáticamente: el número cuyos temas se mantienen más estables cuando se vuelven a muestrear las respuestas.
staff-report-k-fixed = El personal fijó el número de temas en { $k }.
staff-report-method = Cómo lo hicimos
staff-report-finding = Cómo se encontraron los temas
staff-report-seed = Las respuestas lejanas de todos los temas quedaron sin clasificar en lugar de forzarlas en uno. El análisis se puede repetir exactamente (semilla aleatoria { $seed }).
staff-report-raking = Se ponderaron las respuestas de { $respondents } residentes. El ajuste (raking) modificó sus pesos hasta que los encuestados coincidieron con la población de la Ciudad por { $variables }.
staff-report-equity = Luego cada peso se multiplicó por un factor del índice de equidad por zona ({ $index }), para que las zonas con más necesidad cuenten más.
staff-report-no-equity = No se configuró ningún índice de equidad, así que todas las zonas cuentan igual.
staff-report-design-effect = El efecto de diseño de los pesos es { $deff }: las respuestas aportan tanta información como { $n } respuestas sin ponderar.
staff-report-none-withheld = No se reservaron cifras de ningún tema.
staff-report-withheld-list = Reservado en este análisis:
staff-report-unweighted-run = Este análisis no está ponderado por equidad ({ $problem }); los temas se ordenan según cuántas personas los mencionaron.
staff-report-no-config = no hay configuración de ponderación

# Staff: charts (components/chart.rs)
staff-chart-interval = Intervalo del 90 %

# Staff: published results (routes/staff/publications.rs)
staff-publications-lead = Publique lo que nos dijeron los residentes, tal como lo curó el personal: las necesidades con sus nombres y descripciones públicas, las proporciones ponderadas por equidad, los distritos del concejo, las citas aprobadas y las acciones que la Ciudad ha emprendido. Una publicación es una instantánea: la curación posterior no cambia nada hasta que vuelva a publicar.
staff-publications-publish-run = Publicar un análisis
staff-publications-no-run = Todavía no hay ningún análisis: inicie uno en la página de análisis.
staff-publications-limited-to = Limitado a
staff-publications-everything-analysed = Todo lo que analizó el análisis
staff-publications-the-survey = La encuesta “{ $title }”
staff-publications-what = Solo se publican las necesidades (no los temas ocultos ni los apartados como “no es una necesidad”); solo las citas que aprobó el personal; solo las acciones que ya pasaron de “propuesta”. Las cifras pequeñas se reservan.
staff-publications-publish = Publicar
staff-publications-list = Publicaciones
staff-publications-none = Todavía no se ha publicado nada.
staff-publications-col-publication = Publicación
staff-publications-col-published = Publicada
staff-publications-col-by = Por
staff-publications-col-needs = Necesidades
staff-publications-col-state = Estado
staff-publications-withdraw = Retirar
staff-publications-withdraw-n = Retirar la publicación { $id }
staff-publications-everything = Todo
staff-publications-live = Publicada
staff-publications-withdrawn = Retirada el { $at }
staff-publications-n = Publicación { $id }

# Staff: languages in a run (components/languages_panel.rs)
staff-languages-heading = Idiomas en este análisis
staff-languages-lead = El idioma de cada unidad se detecta en su texto; una unidad demasiado corta o ambigua para detectarlo conserva el idioma que eligió quien respondió (o el de la encuesta). Unidades en idiomas distintos se juntan en un mismo tema solo mediante un modelo de frases multilingüe o palabras compartidas.
staff-languages-col-language = Idioma
staff-languages-col-units = Unidades
staff-languages-col-in-themes = En temas
staff-languages-col-short = Demasiado cortas
staff-languages-col-not-detected = Idioma no detectado
staff-languages-col-words = Palabras contadas como
staff-languages-col-model = Modelo de frases
staff-languages-not-recorded = no registrado
staff-languages-name-en = inglés
staff-languages-name-es = español
staff-languages-name-vi = vietnamita
staff-languages-name-zh = chino
staff-languages-name-tl = tagalo
staff-languages-words-words = palabras
staff-languages-words-syllables = sílabas
staff-languages-words-jieba = segmentación jieba
staff-languages-word-pairs = pares de palabras
staff-languages-syllable-pairs = pares de sílabas
staff-languages-stemmed = con raíz (stemming)
staff-languages-not-stemmed = sin raíz (stemming)
staff-languages-model-not-used = ninguno: agrupadas solo por palabras
staff-languages-model-multilingual = multilingüe: se junta con respuestas en otros idiomas
staff-languages-model-english = inglés
staff-languages-model-english-only = solo inglés: agrupadas por la forma de las palabras, rara vez con respuestas en inglés
staff-languages-model-unknown = no registrado con este análisis

# Staff: strategy goals and departments (routes/staff/strategy.rs)
staff-strategy-title = Metas de la estrategia y departamentos
staff-strategy-lead = Los temas se vinculan con las metas de la estrategia digital de la Ciudad y pertenecen, junto con sus acciones, a los departamentos. Archive lo que ya no se usa: lo que hace referencia a ello lo conserva.
staff-strategy-order = Orden
staff-strategy-themes = Temas
staff-strategy-add-goal = Agregar una meta
staff-strategy-add-goal-button = Agregar la meta
staff-strategy-departments = Departamentos
staff-strategy-no-departments = Todavía no hay departamentos.
staff-strategy-themes-actions = Temas y acciones
staff-strategy-add-department = Agregar un departamento
staff-strategy-add-department-button = Agregar el departamento
staff-strategy-bring-back = Restaurar
staff-strategy-bring-back-named = Restaurar “{ $name }”
staff-strategy-archive = Archivar
staff-strategy-archive-named = Archivar “{ $name }”
staff-strategy-delete = Eliminar
staff-strategy-delete-named = Eliminar “{ $name }”
staff-strategy-archived = Archivado
staff-strategy-in-use = En uso
staff-strategy-up = Subir
staff-strategy-down = Bajar
staff-strategy-move-up = Subir “{ $name }”
staff-strategy-move-down = Bajar “{ $name }”
staff-strategy-edit = Editar “{ $name }”
staff-strategy-save-goal = Guardar la meta
staff-strategy-rename = Cambiar el nombre de “{ $name }”
staff-strategy-save-name = Guardar el nombre

# Staff: equity weighting (routes/staff/weighting.rs)
staff-weighting-title = Ponderación por equidad
staff-weighting-lead = Las respuestas de los residentes se ponderan según la población de la ciudad (ajuste a los márgenes) y hacia las zonas que, según el índice de equidad, más lo necesitan.
staff-weighting-in-force = La versión { $version } está vigente: el próximo análisis la usará.
staff-weighting-none-in-force = Todavía no hay ninguna versión vigente: los análisis no se ponderan por equidad.
staff-weighting-drafts = Borradores
staff-weighting-no-draft = No hay ningún borrador pendiente. Una carga que pasa las verificaciones aparece aquí con su vista previa.
staff-weighting-versions = Versiones
staff-weighting-upload = Cargar una configuración
staff-weighting-upload-help = Archivos CSV con fila de encabezados, en UTF-8, de 4 MB como máximo cada uno (plantillas: analysis/templates/). Un archivo con un problema se rechaza indicando su línea y columna, y no cambia nada; las opciones que escribió se conservan, pero el navegador olvida los archivos elegidos, así que vuelva a elegirlos. Una carga correcta se convierte en borrador: no está vigente hasta que la active.
staff-weighting-files = Archivos
staff-weighting-margins = Márgenes de población (obligatorio)
staff-weighting-margins-help = variable,category,share o variable,category,population — por ejemplo, council_district,3,0.1.
staff-weighting-equity = Índice de equidad (opcional)
staff-weighting-equity-help = area,score — un puntaje por distrito del concejo, sector censal o código postal.
staff-weighting-crosswalk = Tabla de correspondencia de códigos postales (opcional; requiere un índice de equidad)
staff-weighting-crosswalk-help = zip,area o zip,area,ratio — para los residentes que solo dan un código postal (RES_RATIO de HUD-USPS como ratio).
staff-weighting-options = Opciones (los valores predeterminados son los de la línea de comandos)
staff-weighting-index-name = Nombre y año del índice de equidad
staff-weighting-index-name-help = Se guarda con cada análisis; por ejemplo, “San José Equity Index 2023”.
staff-weighting-scale-min = Puntaje más bajo de la escala del índice
staff-weighting-scale-min-help = El índice de equidad de San José va de 2 a 10.
staff-weighting-scale-max = Puntaje más alto de la escala del índice
staff-weighting-strength = Intensidad α del multiplicador de equidad
staff-weighting-strength-help = Multiplicador del peso g = 1 + α · necesidad, de 0 (sin inclinación por equidad) a 10.
staff-weighting-trim-floor = Límite inferior de recorte (× peso medio)
staff-weighting-trim-floor-help = Ningún peso por debajo de este múltiplo de la media, de 0 a menos de 1.
staff-weighting-trim-cap = Límite superior de recorte (× peso medio)
staff-weighting-trim-cap-help = Ningún peso por encima de este múltiplo de la media, mayor que 1.
staff-weighting-replicates = Réplicas bootstrap
staff-weighting-replicates-help = Para los intervalos: 0 (ninguna) o de 2 a 10000.
staff-weighting-seed = Semilla bootstrap
staff-weighting-seed-help = La misma semilla da los mismos intervalos.
staff-weighting-healthier = Un puntaje más alto significa menos necesidad (por ejemplo, el Healthy Places Index)
staff-weighting-check = Verificar y ver la vista previa
staff-weighting-draft-heading = Borrador cargado el { $at } por { $by }
staff-weighting-same-as = Es la misma configuración que la versión { $version }: al activarla, la versión { $version } vuelve a estar vigente.
staff-weighting-draft-meta = { $source } · índice: { $index }
staff-weighting-no-preview = No se guardó ninguna vista previa para este borrador.
staff-weighting-activate = Activar
staff-weighting-discard = Descartar
staff-weighting-preview = Vista previa
staff-weighting-preview-problem = { $problem } ({ $respondents } residentes encuestados).
staff-weighting-deff-equity = Efecto de diseño, ajuste × equidad
staff-weighting-range-equity = Rango de pesos, ajuste × equidad
staff-weighting-range-value = de { $min } a { $max } la media
staff-weighting-preview-on = Vista previa sobre los { $respondents } residentes encuestados guardados al momento de la carga
staff-weighting-weights = Pesos
staff-weighting-deff = Efecto de diseño (Kish)
staff-weighting-deff-value = { $deff } (muestra efectiva { $n })
staff-weighting-range = Rango de pesos
staff-weighting-trimmed = Recortados
staff-weighting-trimmed-value = { $share } de los encuestados
staff-weighting-margins-met = Márgenes alcanzados
staff-weighting-met-yes = sí (error máximo { $error })
staff-weighting-met-no = no: error máximo { $error }
staff-weighting-fit-on = Ajuste en { $variable }
staff-weighting-missing = { $count } no respondieron (se conservan, neutrales)
staff-weighting-merged = unidas por tener muy pocos encuestados: { $categories }
staff-weighting-category = Categoría
staff-weighting-population-share = Proporción en la población
staff-weighting-sample-share = Proporción en la muestra
staff-weighting-no-version = Todavía no hay ninguna versión guardada.
staff-weighting-version = Versión
staff-weighting-stored = Guardada
staff-weighting-index = Índice
staff-weighting-in-force-col = Vigente
staff-weighting-configuration = Configuración
staff-weighting-put-in-force = Poner en vigencia la versión { $version }
staff-weighting-raking-only = ninguno (solo ajuste)
staff-weighting-in-force-since = vigente desde el { $at }
staff-weighting-state-in-force = vigente
staff-weighting-last-in-force = no (vigente por última vez el { $at })
staff-weighting-state-no = no
staff-weighting-stored-by = { $at } por { $by }

# Staff: surveys, survey editor and question form (routes/staff/surveys.rs, survey_editor.rs, survey_question.rs)
staff-surveys-title-en = Título (en inglés)
staff-surveys-intro-en = Introducción (en inglés)
staff-surveys-responses = Respuestas
staff-surveys-address = Dirección
staff-editor-title = Editar encuesta
staff-editor-back = ← Todas las encuestas
staff-editor-texts = Título e introducción
staff-editor-save-texts = Guardar título e introducción
staff-editor-questions = Preguntas
staff-editor-add-question = Agregar una pregunta
staff-editor-no-questions = Todavía no hay preguntas.
staff-editor-translations = Traducciones
staff-editor-translations-help = Un texto sin traducción se muestra a los residentes en inglés, con una nota que lo indica en su idioma. Una traducción cuyo texto en inglés cambió después de escribirla se cuenta como desactualizada hasta que se vuelva a guardar.
staff-editor-translated = { $language }: { $done } de { $total } textos traducidos
staff-editor-outdated = , { $count } desactualizados
staff-editor-more = Ramificación, variables de ponderación y más
staff-editor-json = Editar toda la encuesta como JSON
staff-editor-json-help = (preguntas que solo se muestran después de ciertas respuestas, la variable de ponderación que mide una pregunta, por qué se hace una pregunta).
staff-editor-made = Creada
staff-editor-new-version = La encuesta está abierta o ya tiene respuestas: cada cambio se guarda como una nueva versión, y las respuestas ya dadas se quedan con la suya.
staff-editor-same-version = La encuesta no está abierta y nadie la ha respondido: los cambios se guardan en esta versión.
staff-editor-preview = (una vista previa: los residentes no pueden ver un borrador)
staff-editor-for = Para
staff-editor-change-status = (cámbielo en
staff-editor-surveys-page = la página de encuestas
staff-editor-required = obligatoria
staff-editor-change-question = Cambiar la pregunta { $key }
staff-editor-remove = Quitar { $key }…
staff-editor-remove-help = Las respuestas ya dadas se quedan con su versión.
staff-editor-remove-question = Quitar la pregunta { $key }
staff-editor-move-up = Subir
staff-editor-move-down = Bajar
staff-question-title = Pregunta de la encuesta
staff-question-notes = Estos se mantienen como están; cámbielos en
staff-question-json = la definición JSON
staff-question-key = Clave
staff-question-key-fixed = (las respuestas se guardan bajo ella, así que no cambia)
staff-question-key-hint = Las respuestas se guardan bajo ella: a-z, 0-9 y _, como top_need. No se puede cambiar después.
staff-question-place = Posición
staff-question-first = Primera
staff-question-after = Después de { $key }: { $prompt }
staff-question-kind = Tipo
staff-kind-single-choice = Una opción
staff-kind-multiple-choice = Varias opciones
staff-kind-rating = Calificación del 1 al 5
staff-kind-short-text = Texto corto
staff-kind-long-text = Texto largo (se analiza en busca de temas de necesidad)
staff-kind-number = Número
staff-kind-zip = Código postal
staff-kind-council-district = Distrito del concejo
staff-kind-language = Idioma que habla
staff-question-prompt = Pregunta (en inglés)
staff-question-help = Texto de ayuda (en inglés, opcional)
staff-question-required = La respuesta es obligatoria
staff-question-options-legend = Opciones (una opción, varias opciones, idioma)
staff-question-options = Opciones, una por línea
staff-question-options-hint = Una por línea: “valor | etiqueta”, o solo la etiqueta. El valor es lo que se guarda; consérvelo cuando cambie la redacción de la etiqueta.
staff-question-length = Extensión (texto)
staff-question-max-chars = Respuesta más larga, en caracteres
staff-question-range = Rango (número)
staff-question-min = Mínimo
staff-question-max = Máximo
staff-question-labels = Etiquetas (calificación)
staff-question-low = Qué significa 1 (en inglés)
staff-question-high = Qué significa 5 (en inglés)
staff-question-save = Guardar la pregunta
staff-question-add = Agregar la pregunta

# Staff: users, audit log, invitation links, invitation, account (routes/staff/users.rs, audit.rs, links.rs, invitation.rs, account.rs)
staff-save = Guardar
staff-users-invite = Invitar a alguien
staff-users-role = Rol
staff-users-organization = Organización (organizaciones aliadas)
staff-users-create-link = Crear enlace de invitación
staff-users-accounts = Cuentas
staff-users-email = Correo electrónico
staff-users-since = Desde
staff-users-role-status = Rol y estado
staff-users-open-invitations = Invitaciones abiertas
staff-users-invitation = { $email } como { $role } — vence el { $expires }
staff-users-role-of = Rol de { $name }
staff-users-disabled = desactivada
staff-audit-lead = Los últimos 200 eventos. Los inicios de sesión fallidos o rechazados se cuentan en una línea por dirección de correo cada { $minutes } minutos; las últimas { $listed } de esas líneas aparecen junto con los eventos.
staff-audit-when = Cuándo
staff-audit-who = Quién
staff-audit-detail = Detalle
staff-state-active = activo
staff-state-revoked = revocado
staff-state-expired = vencido
staff-state-used-up = agotado
staff-links-lead = Envíe a los líderes de departamento y a las organizaciones comunitarias un enlace a su cuestionario. Sus respuestas quedan registradas con la organización a la que corresponde el enlace.
staff-links-make = Crear un enlace
staff-links-instrument = Cuestionario
staff-links-how-many = Cuántas respuestas
staff-links-single = Una respuesta (una sola persona)
staff-links-multi = Varias respuestas (para compartir dentro de la organización)
staff-links-max = Máximo de respuestas, para un enlace compartido (vacío: sin límite)
staff-links-days = Vence después de (días)
staff-links-make-button = Crear el enlace
staff-links-links = Enlaces
staff-links-none = Todavía no hay enlaces.
staff-links-expires = Vence
staff-links-uses = { $uses } de { $max }
staff-links-withdraw = Retirar el enlace de { $organization }
staff-invitation-title = Acepte su invitación
staff-invitation-sign-in = Ir a iniciar sesión
staff-invitation-lead = Está invitado como { $role } para { $email }.
staff-invitation-name = Su nombre
staff-invitation-password = Elija una contraseña
staff-invitation-password-help = Al menos 12 caracteres. Unas cuantas palabras sin relación entre sí forman una contraseña segura.
staff-invitation-confirm = Vuelva a escribir la contraseña
staff-invitation-create = Crear mi cuenta
staff-account-title = Su cuenta
staff-account-everywhere = Cerrar sesión en todas partes
staff-account-everywhere-help = Cierra todas las sesiones de esta cuenta, en todos los dispositivos, incluido este.
staff-account-everywhere-help-staff = Cierra todas las sesiones de esta cuenta, en todos los dispositivos, incluido este, y revoca todos sus tokens de API.
staff-tokens-title = Tokens de API
staff-tokens-hint = Un token permite que sus scripts (curl, R, Python) lean la API del personal en /api/v1 en su nombre, con el encabezado
staff-tokens-hint-after = Solo sirve para la API, nunca para estas páginas ni sus formularios. El token se muestra una sola vez, justo después de crearlo: guárdelo como una contraseña.
staff-tokens-name = Nombre (para qué es el token)
staff-tokens-expires-after = Vence después de
staff-tokens-expiry-days = { $days } días
staff-tokens-expiry-year = 1 año
staff-tokens-expiry-never = Nunca
staff-tokens-make = Crear un token
staff-tokens-none = No tiene tokens de API.
staff-tokens-created = Creado
staff-tokens-last-used = Último uso
staff-tokens-revoke = Revocar
staff-tokens-revoke-named = Revocar el token { $name }
staff-tokens-never = nunca

# Staff: messages left by the server after a form (server/src/auth/handlers.rs, routes/runs.rs, routes/weighting.rs)
staff-flash-too-many-sign-ins = Demasiados intentos de inicio de sesión. Espere un minuto y vuelva a intentarlo.
staff-flash-sign-in-refused = El correo electrónico o la contraseña no son correctos, o la cuenta está desactivada.
staff-flash-signed-out = Cerró sesión.
staff-flash-run-queued = La solicitud de análisis { $id } está en cola. Esta página se actualiza a medida que avanza.
staff-flash-run-cancelling = Se está cancelando la solicitud de análisis { $id }.
staff-flash-run-finished = La solicitud de análisis { $id } ya había terminado.
staff-flash-weighting-in-force = La versión { $version } está vigente: el próximo análisis la usará. Los análisis ya hechos conservan la versión que usaron.
staff-flash-weighting-in-force-again = La versión { $version } vuelve a estar vigente: el próximo análisis la usará. Los análisis ya hechos conservan la versión que usaron.
staff-flash-draft-gone = Ese borrador ya se activó o se descartó.
staff-flash-draft-discarded = Borrador descartado: la configuración vigente no cambia.
staff-flash-no-version = No existe la versión { $version }.

# Staff: surveys list (routes/staff/surveys.rs)
staff-audience-resident = Residentes
staff-audience-department = Líderes de departamento
staff-audience-community-org = Organizaciones comunitarias
staff-surveys-draft = borrador
staff-surveys-open = abierta
staff-surveys-closed = cerrada
staff-surveys-audience = Público
staff-surveys-status-of = Estado de { $survey }
staff-surveys-save-status = Guardar el estado de { $survey }
staff-surveys-make = Crear una encuesta
staff-surveys-make-help = Una encuesta nueva empieza como borrador: los residentes no pueden verla hasta que usted la abra. Escríbala en inglés; tradúzcala desde su página.
staff-surveys-address-hint = La dirección web de la encuesta, /surveys/…: a-z, 0-9 y guiones, como parks-2027. No se puede cambiar después.
staff-surveys-who = Para quién es
staff-surveys-start-from = Empezar a partir de
staff-surveys-no-questions = Sin preguntas todavía
staff-surveys-questions-of = Las preguntas de { $survey }
staff-surveys-make-button = Crear la encuesta

# Staff: survey translation and definition pages (routes/staff/survey_texts.rs)
staff-texts-title = Traducir la encuesta
staff-texts-missing = { $missing } de { $total } textos todavía no tienen traducción y se muestran en inglés. Un cuadro vacío elimina una traducción.
staff-texts-outdated = { $count ->
    [one] 1 traducción está desactualizada: su texto en inglés cambió después de traducirla. Los residentes la siguen viendo: revísela con el nuevo texto en inglés, corríjala si hace falta y guárdela para marcarla como vigente. Está marcada como “desactualizada” abajo.
   *[other] { $count } traducciones están desactualizadas: su texto en inglés cambió después de traducirlas. Los residentes las siguen viendo: revise cada una con el nuevo texto en inglés, corríjala si hace falta y guarde para marcarla como vigente. Están marcadas como “desactualizadas” abajo.
}
staff-texts-status = Estado de esta traducción
staff-texts-status-hint = Borrador: escrita, pero todavía no revisada por un traductor de la Ciudad. Revisada: un traductor de la Ciudad revisó cada texto. Al guardar, se registra que cada traducción corresponde al texto en inglés de hoy.
staff-texts-draft = Borrador
staff-texts-reviewed = Revisada por un traductor de la Ciudad
staff-texts-save = Guardar los textos en { $language }
staff-texts-outdated-mark = (desactualizada)
staff-definition-title = Definición de la encuesta
staff-definition-of = Definición de { $survey }
staff-definition-hint-start = Toda la encuesta en JSON. Una pregunta puede tener
staff-definition-hint-show-if = (se muestra solo cuando una pregunta de opciones anterior tiene alguno de ciertos valores),
staff-definition-hint-variable = (la variable de ponderación que mide) y
staff-definition-hint-why = (por qué se hace). La dirección y el público no se pueden cambiar. Se verifica antes de guardarla.
staff-definition-label = Definición (JSON)
staff-definition-save = Verificar y guardar

# Staff: a partner's interview notes uploads (routes/notes.rs)
staff-upload-lead = Suba notas de entrevistas con residentes. Los datos personales (direcciones de correo electrónico y de calle, teléfonos y números largos, enlaces web) se eliminan antes de guardar nada, y usted ve exactamente lo que se analizará antes de confirmar. El archivo original no se conserva.
staff-upload-title = Subir notas
staff-upload-file-help = .txt, .md, .docx o .pdf, de { $megabytes } MB como máximo; hasta { $documents } documentos por cuenta.
staff-upload-community-help = Por ejemplo: personas mayores que hablan vietnamita en el Distrito 7.
staff-upload-role-help = Por ejemplo: residente, madre o padre, trabajador social, dueño de un pequeño negocio.
staff-upload-language = Idioma de las notas
staff-upload-choose = Elija…
staff-upload-button = Subir y ver la vista previa
staff-upload-yours = Sus documentos subidos
staff-upload-none = Todavía no ha subido nada.
staff-upload-pending = esperando su confirmación
staff-upload-in-analysis = en análisis
staff-upload-back = ← Sus documentos subidos

# Staff: the 311 assistant, report categories (routes/staff/categories.rs)
staff-nav-categories = Categorías de reportes
staff-categories-title = Categorías de reportes
staff-categories-lead = Un clasificador aprende las categorías de la Ciudad a partir de los reportes que tienen una, predice una categoría para los que no la tienen, señala los reportes cuya categoría parece equivocada y envía cada reporte a un departamento.
staff-categories-classifier = Clasificador
staff-categories-untrained = El clasificador todavía no se ha entrenado. Importe reportes con una columna de categoría y luego entrénelo.
staff-categories-summary = Entrenado { $at } por { $by } con { $labelled } reportes con categoría; { $reports } reportes con predicción. Evaluado con validación cruzada de { $folds } partes sobre { $judged } reportes que no vio al entrenar.
staff-categories-command-line = la línea de comandos
staff-categories-accuracy = Exactitud
staff-categories-macro-f1 = F1 macro (todas las categorías cuentan igual)
staff-categories-flagged-count = Señalados para revisión
staff-categories-how = Regresión logística (linfa) sobre las características TF-IDF del análisis reducidas con LSA. Un reporte se señala cuando el clasificador está al menos { $confidence } seguro de otra categoría distinta de la que se le dio.
staff-categories-too-rare = Muy pocos reportes para aprender (cuentan como errores arriba): { $list }.
staff-categories-sentences-no-model = Características: solo TF-IDF. No hay un modelo de oraciones configurado (model_dir); con uno, los vectores de oraciones se suman a las características (de 6 a 11 puntos más de F1 macro en los conjuntos de prueba etiquetados).
staff-categories-sentences-used = Características: TF-IDF y vectores de oraciones de { $model } ({ $encoded } textos codificados para este entrenamiento, el resto de la caché de vectores).
staff-categories-sentences-over-budget = Características: solo TF-IDF. { $missing } reportes no tienen un vector de oración en caché, más de los { $budget } que codifica un entrenamiento. Un análisis semántico de temas sobre los reportes llena la caché; el siguiente entrenamiento la usa.
staff-categories-sentences-failed = Características: solo TF-IDF. El modelo de oraciones falló: { $problem }
staff-categories-per-category = Calidad por categoría (validación cruzada)
staff-categories-col-category = Categoría
staff-categories-col-reports = Reportes
staff-categories-col-precision = Precisión
staff-categories-col-recall = Exhaustividad
staff-categories-train-what = El entrenamiento lee todos los reportes, tarda unos segundos por cada 10 000 reportes y reemplaza todas las predicciones.
staff-categories-train = Entrenar el clasificador
staff-categories-flagged = Señalados para revisión
staff-categories-flagged-none = Ningún reporte está señalado: ninguno tiene una categoría con la que el clasificador esté claramente en desacuerdo.
staff-categories-col-report = Reporte
staff-categories-col-given = Categoría dada
staff-categories-col-predicted = Predicción
staff-categories-col-confidence = Confianza
staff-categories-col-text = Texto
staff-categories-routing = Asignación
staff-categories-routing-what = Cada categoría va a un departamento. Un reporte sin categoría va adonde va su categoría predicha. Los administradores cambian las asignaciones; los departamentos se mantienen en la página de Estrategia.
staff-categories-routing-none = Todavía ningún reporte tiene categoría.
staff-categories-col-department = Departamento
staff-categories-no-department = Sin asignar
staff-categories-department-of = Departamento para { $category }
staff-categories-save-route = Guardar
staff-categories-across = Necesidades y categorías
staff-categories-across-none = Todavía no hay nada que comparar: entrene el clasificador después de un análisis que haya leído los reportes.
staff-categories-across-what = Los temas salen de lo que escribieron los residentes; las categorías, de cómo la Ciudad clasifica los reportes. Un tema repartido en varias categorías es una necesidad que ninguna categoría muestra sola; una categoría con varios temas agrupa necesidades distintas. "Dispersión" es el número efectivo de categorías (o temas): 1 cuando todo cae en una, 3 cuando se reparte por igual entre tres. Reportes con categoría y con tema en el análisis que leyó el clasificador la última vez.
staff-categories-across-themes = Temas según categorías, los más dispersos primero
staff-categories-across-categories = Categorías según temas, las más dispersas primero
staff-categories-col-theme = Tema
staff-categories-col-effective = Dispersión
staff-categories-col-parts = Partes mayores

staff-upload-check = Revise antes de que se analice
staff-upload-check-help = Estos pasajes son exactamente lo que se guardará y analizará. Los elementos marcados se eliminaron por ser datos personales. Si todavía se ve algo personal, descarte este documento, edite el archivo y vuelva a subirlo.
staff-upload-confirm = Confirmar: agregar al análisis
staff-upload-delete = Eliminar este documento
staff-upload-delete-help = Al eliminarlo, su texto se quita de los análisis futuros.
staff-upload-what = Qué se analizará


## Paper forms: the printable survey (print-…) and assisted entry (staff-entry-…)
print-page-title = { $survey } (formulario para imprimir)
print-link = Imprimir esta encuesta
print-how = Para imprimir este formulario, use la opción Imprimir de su navegador. Marque sus respuestas con bolígrafo.
print-answer-online = Responder en línea
print-respondent-code = Código de la persona
print-respondent-code-help = Para uso de la oficina: deje esta casilla en blanco.
print-instructions = Rellene un círculo (○) cuando se pide una sola respuesta, y cada casilla (□) que corresponda cuando puede elegir varias. Escriba sus respuestas en las líneas. Puede dejar sin responder cualquier pregunta que no diga obligatoria.
print-choose-one = Elija una.
print-choose-any = Elija todas las que correspondan.
print-write-in = Escriba su respuesta en las líneas.
print-number = Escriba un número entero de { $min } a { $max }.
print-zip = Escriba su código postal de 5 dígitos.
print-thanks = Gracias. Devuelva este formulario a la persona o al lugar que se lo entregó.
print-online = También puede responder en línea: { $url }
print-version = Versión del formulario { $version }
staff-entry-enter = Registrar respuestas en papel, por teléfono o en persona
staff-entry-index-title = Registrar respuestas en papel, por teléfono y en persona
staff-entry-index-intro = Registre las respuestas de un formulario en papel, una llamada o una entrevista tal como las dio la persona. Se revisan igual que las respuestas en línea y se cuentan con la forma en que se recogieron y quién las registró.
staff-entry-enter-for = Registrar una respuesta a { $survey }
staff-entry-print-in = Formulario para imprimir en:
staff-entry-title = Registrar una respuesta: { $survey }
staff-entry-intro = Elija cómo se recogieron las respuestas, copie el código de la persona del formulario en papel si lo tiene y registre las respuestas tal como se dieron. Cada pregunta muestra el código impreso a su lado en el formulario en papel.
staff-entry-print = Formulario para imprimir en este idioma
staff-entry-all-surveys = Todas las encuestas
staff-entry-language = Idioma de las respuestas
staff-entry-language-help = El idioma en que respondió la persona; las preguntas se muestran en ese idioma.
staff-entry-language-show = Mostrar las preguntas en este idioma
staff-entry-problems = Hay un problema con este registro
staff-entry-mode = ¿Cómo se recogieron estas respuestas?
staff-entry-mode-web = En línea (por la propia persona)
staff-entry-mode-paper = Formulario en papel
staff-entry-mode-phone = Por teléfono
staff-entry-mode-in_person = En persona
staff-entry-code = Código de la persona en el formulario en papel
staff-entry-code-help = Tal como está escrito en la casilla de arriba del formulario: letras, números y guiones. Déjelo vacío si no hay. Cada código se puede registrar una vez por encuesta.
staff-entry-answers = Respuestas
staff-entry-submit = Guardar esta respuesta
staff-entry-saved = Respuesta { $id } guardada ({ $mode }). El formulario está listo para la siguiente.
staff-entry-closed = Esta encuesta no está abierta: no se pueden registrar respuestas.
staff-entry-entered = Respuestas registradas
staff-entry-none-yet = Ninguna todavía.
staff-entry-col-response = Respuesta
staff-entry-col-mode = Recogida
staff-entry-col-code = Código de la persona
staff-entry-col-language = Idioma
staff-entry-col-by = Registrada por
staff-entry-col-at = Cuándo (UTC)
staff-entry-signed-in = Sesión iniciada como { $name }
staff-entry-home = Su página de inicio
staff-entry-error-mode = Elija cómo se recogieron las respuestas: formulario en papel, por teléfono o en persona.
staff-entry-error-code-characters = El código de la persona solo puede tener letras, números y guiones (como A-1042).
staff-entry-error-code-long = El código de la persona es demasiado largo: como máximo { $max } caracteres.
staff-entry-error-code-taken = El código { $code } ya se registró para esta encuesta (respuesta { $id }). No se guardó nada: si es una segunda copia del mismo formulario, apártela; si el código se leyó mal, corríjalo.

## Partner notes: the interview-notes upload pages (/notes, /notes/{id}) and their server messages. Draft translation, to be reviewed.
notes-title = Notas de entrevistas
notes-lead = Suba notas de entrevistas con residentes. Los datos personales (direcciones de correo electrónico y postales, teléfonos y números largos, enlaces web) se eliminan antes de guardar nada, y usted ve exactamente lo que se analizará antes de confirmar. El archivo original no se guarda.
notes-upload-heading = Subir notas
notes-file = Archivo
notes-file-help = Se aceptan: .txt, .md, .docx o .pdf, de { $megabytes } MB como máximo; hasta { $documents } documentos por cuenta.
notes-organization = Organización
notes-organization-fixed = Organización:
notes-community = Comunidad
notes-community-served = Comunidad atendida
notes-community-help = Por ejemplo: personas mayores de habla vietnamita en el Distrito 7.
notes-interview = Entrevista
notes-interview-date = Fecha de la entrevista
notes-role = Función de la persona entrevistada
notes-role-help = Por ejemplo: residente, madre o padre, trabajador social, dueño de un pequeño negocio.
notes-language = Idioma de las notas
notes-language-short = Idioma
notes-choose = Elija…
notes-upload-button = Subir y ver
notes-yours = Sus archivos subidos
notes-none = Todavía no ha subido nada.
notes-passages = Pasajes
notes-status = Estado
notes-status-pending = espera su confirmación
notes-status-confirmed = en el análisis
notes-redacted = Datos eliminados
notes-uploaded = Subido
notes-uploaded-by = Subido por
notes-removed = Eliminado: dato personal
notes-back = ← Sus archivos subidos
notes-check-title = Revise antes de que se analice
notes-check-lead = Estos pasajes son exactamente lo que se guardará y analizará. Los elementos marcados se eliminaron por ser datos personales. Si todavía se ve algo personal, descarte este archivo, corríjalo y vuelva a subirlo.
notes-confirm = Confirmar: añadir al análisis
notes-discard = Descartar
notes-delete = Eliminar este documento
notes-delete-hint = Al eliminarlo, su texto deja de usarse en los próximos análisis.
notes-will-analyse = Lo que se analizará
notes-field-organization = la organización
notes-field-community = la comunidad atendida
notes-field-role = la función de la persona entrevistada
notes-error-missing = Indique { $field }.
notes-error-too-long = Acorte { $field } a { $max } caracteres como máximo.
notes-error-date-missing = Indique la fecha de la entrevista.
notes-error-date-invalid = “{ $value }” no es una fecha: use AAAA-MM-DD, por ejemplo 2026-03-14.
notes-error-date-future = La fecha de la entrevista está en el futuro.
notes-error-language = Elija el idioma en que están escritas las notas.
notes-choose-file-again = Vuelva a elegir el archivo: los navegadores no lo conservan después de un problema.
notes-error-no-file = Elija un archivo para subir: .txt, .md, .docx o .pdf.
notes-error-format = “{ $file }” no es un archivo .txt, .md, .docx ni .pdf. Guárdelo en uno de esos formatos.
notes-error-too-many = Ya tiene { $count } documentos, el máximo que puede tener una cuenta ({ $max }). Elimine primero algunos que ya no necesite.
notes-error-unreadable = No se pudo leer “{ $file }”: { $problem }.
notes-error-too-large = El archivo ocupa más de { $megabytes } MB, el máximo por archivo. Divídalo en varios archivos.
notes-error-interrupted = La subida se interrumpió: inténtelo de nuevo.
notes-error-not-upload = Envíe el formulario como subida de archivo.
notes-read = Se leyeron { $count } pasajes de “{ $file }”. Revise abajo lo que se analizará y luego confírmelo o descártelo.
notes-error-no-such = No hay ningún documento así entre los que usted ha subido.
notes-confirmed = Confirmado: los { $count } pasajes de “{ $file }” estarán en el próximo análisis.
notes-error-already-confirmed = Este documento ya estaba confirmado.
notes-deleted = Se eliminó “{ $file }”: su texto ya no existe y no estará en los próximos análisis.
notes-discarded = Se descartó “{ $file }”: no se guardó nada de él.
