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
