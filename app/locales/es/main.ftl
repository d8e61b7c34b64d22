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
