# Needscope interface strings, Tagalog. Draft translation: to be reviewed by the City's translators.
# Survey questions are not here: each survey carries its own text.
# Register: polite ("kayo", "ninyo"), everyday words; English loanwords where Filipinos use them (survey,
# link, ZIP code, device).

nav-surveys = Mga survey
skip-to-content = Lumaktaw sa pangunahing nilalaman
brand-tagline = Lungsod ng San José · Mga pangangailangan ng residente
language-picker = Wika
footer-privacy = Hindi nakapangalan ang mga sagot. Hindi namin itinatago ang inyong pangalan, ang inyong IP address, o anumang impormasyon tungkol sa inyong device.
loading = Naglo-load…

home-title = Sabihin sa Lungsod kung ano ang kailangan ninyo
home-intro = Tumutulong ang inyong mga sagot sa Lungsod ng San José na magpasya kung paano pagagandahin ang mga serbisyo nito. Pumili ng survey sa ibaba.
home-none-open = Walang bukas na survey sa ngayon. Pakibalikan ito mamaya.
home-question-count = { $count ->
    [one] 1 tanong
   *[other] { $count } na tanong
}
back-to-surveys = Bumalik sa listahan ng mga survey

survey-question-count = { $count ->
    [one] 1 tanong. Kailangang sagutin ang mga tanong na may markang “kailangan”; maaaring laktawan ang iba.
   *[other] { $count } na tanong. Kailangang sagutin ang mga tanong na may markang “kailangan”; maaaring laktawan ang iba.
}
survey-submit = Ipadala ang aking mga sagot
survey-sending = Ipinapadala…
survey-closed = Sarado na ang survey na ito at hindi na tumatanggap ng mga sagot. Salamat sa inyong interes.
survey-preview = Preview para sa mga administrator: draft pa ang survey na ito at hindi pa ito nakikita ng mga residente. Hindi itatago ang mga sagot na ipapadala mula sa pahinang ito.
survey-partly-english = May ilang tanong na hindi pa naisasalin kaya nakasulat pa sa Ingles.
question-required = kailangan
why-we-ask = Bakit namin ito itinatanong:
text-limit = Hanggang { $max } na character.
question-condition = Sagutin lamang ito kung “{ $answers }” ang isinagot ninyo sa tanong { $number }.
honeypot-label = Iwanang blangko ang field na ito
district-label = Distrito { $number }
district-not-sure = Hindi ako sigurado

error-summary-title = May problema sa inyong mga sagot
error-required = Kailangang sagutin ang tanong na ito.
error-too-long = Gumamit ng { $max } na character o mas kaunti (gumamit kayo ng { $actual }).
error-not-a-number = Maglagay ng buong numero, gaya ng 3.
error-out-of-range = Maglagay ng numero mula { $min } hanggang { $max }.
error-invalid-zip = Maglagay ng 5-digit na ZIP code, gaya ng 95112.
error-unknown-option = Pumili ng isa sa mga nakalistang pagpipilian.
error-one-option = Isa lamang ang piliin.
error-invalid-rating = Pumili ng marka mula 1 hanggang 5.
error-unavailable = Hindi magamit ang serbisyo sa ngayon. Pakisubukang muli pagkalipas ng ilang minuto.

form-error-rate-limited = Ilang beses kayong nagpadala ng mga sagot sa maikling panahon. Maghintay ng isang minuto, saka ipadalang muli. Nandito pa rin ang inyong mga sagot.
form-error-honeypot = Hindi matanggap ang inyong mga sagot dahil may nakatagong field na napunan. Kung gumagamit kayo ng tool na kusang pumupuno ng mga form, patayin ito para sa pahinang ito at ipadalang muli.
form-error-closed = Nagsara ang survey bago dumating ang inyong mga sagot, kaya hindi naitago ang mga ito.
form-error-malformed = May kulang na bahagi ang form. Paki-reload ang pahina at ipadalang muli ang inyong mga sagot.
form-error-unavailable = Hindi maitago ang inyong mga sagot sa ngayon. Pakisubukang muli pagkalipas ng isang minuto; nandito pa rin ang inyong mga sagot.

request-too-large-title = Masyadong mahaba ang inyong mga sagot para maipadala
request-too-large-body = Mas mahaba ang mga sagot na ipinadala ninyo kaysa sa tinatanggap ng form na ito. Bumalik, paikliin ang pinakamahahaba ninyong sagot, at ipadalang muli.
cross-site-title = Galing sa ibang website ang mga sagot na ito
cross-site-body = Para sa inyong kaligtasan, tumatanggap lamang ang Lungsod ng mga sagot sa survey na ipinadala mula sa sarili nitong website, kaya walang naitago. Buksan ang survey sa website ng Lungsod at doon sumagot.
cross-site-link = Buksan ang survey sa website ng Lungsod
too-many-requests-title = Sandali lamang po

thanks-title = Salamat po!
thanks-body = Naitago na ang inyong mga sagot. Makatutulong ang mga ito para maunawaan ng Lungsod ang kailangan ng mga residente.

not-found-title = Hindi nahanap ang pahina
not-found-body = Hindi namin mahanap ang pahinang iyon. Maaaring nailipat na ito, o maaaring wala na ang survey.

invite-for = Sumasagot kayo para sa { $organization }. Bibilangin ang inyong mga sagot para sa inyong organisasyon.
invite-unknown = Hindi gumagana ang link ng imbitasyong ito: maaaring mali ang pagkaka-type nito o para ito sa ibang survey. Humingi ng bagong link sa taong nagpadala nito.
invite-revoked = Binawi ng Lungsod ang link ng imbitasyong ito. Humingi ng bagong link sa taong nagpadala nito.
invite-expired = Paso na ang link ng imbitasyong ito. Humingi ng bagong link sa taong nagpadala nito.
invite-used-up = Nagamit na ang link ng imbitasyong ito nang pinakamaraming beses na pinapayagan. Humingi ng bagong link sa taong nagpadala nito.
form-error-invite-gone = Hindi na gumagana ang link ng imbitasyong binuksan ninyo (paso na, nagamit na, o binawi), kaya hindi pa naitatago ang inyong mga sagot. Nandito pa rin ang mga ito: maaari ninyong ipadala ang mga ito ngayon nang walang link, at bibilangin ang mga ito nang walang pangalan ng inyong organisasyon.

## Ang aming narinig: ang mga pampublikong resulta, open data at feed (draft na salin).
results-title = Ang aming narinig
results-title-survey = Ang aming narinig: { $survey }
results-lead = Ito ang sinabi ng mga residente sa Lungsod, at ang ginagawa ng Lungsod tungkol dito.
results-published = Inilathala noong { $date }.
results-none = Wala pang nailalathalang resulta. Pakibalikan ninyo ito mamaya.
results-respondents = { $count ->
    [one] 1 residente ang sumagot sa survey.
   *[other] { $count } na residente ang sumagot sa survey.
}
results-needs-heading = Ang pinakakailangan ng mga residente
results-share = Bahagi ng mga residente: { $share } (malamang nasa pagitan ng { $lower } at { $upper })
results-share-plain = Bahagi ng mga residente: { $share }
results-share-weighted-note = Tinimbang ang mga bahagi para mabilang nang buo ang mga grupong mas kaunti ang sumagot, ayon sa kanilang bahagi sa lungsod.
results-need-respondents = { $count ->
    [one] 1 residente ang bumanggit nito.
   *[other] { $count } na residente ang bumanggit nito.
}
results-withheld = Hindi ipinapakita ang mga numero para sa pangangailangang ito, para protektahan ang privacy ng iilang residenteng bumanggit nito, o dahil hindi ito matantiya nang maaasahan.
results-actions-heading = Ang ginagawa ng Lungsod
results-no-actions = Wala pang inaanunsiyong aksiyon ang Lungsod para sa pangangailangang ito.
results-action-due = Inaasahan bago ang { $date }
results-action-department = Pinangungunahan ng { $department }
results-action-status = Katayuan: { $status }
results-status-proposed = Iminungkahi
results-status-planned = Nakaplano
results-status-in-progress = Ginagawa na
results-status-done = Tapos na
results-status-wont-do = Hindi na itutuloy
results-quotes-heading = Sa sariling salita ng mga residente
results-districts-heading = Ayon sa distrito ng konseho
results-districts-caption = Bahagi ng mga residente ng bawat distrito na bumanggit ng bawat pangangailangan
results-district-respondents = Mga residenteng sumagot
results-district-need = Pangangailangan
results-not-shown = hindi ipinapakita
results-suppressed-note = Ang — ay nangangahulugang hindi ipinapakita ang numero: masyadong kaunti ang residenteng nasa likod nito para ipakita nang hindi nanganganib ang kanilang privacy, o kapag ipinakita ay matutukoy ang isang nakatagong numero.
results-about-heading = Tungkol sa mga resultang ito
results-period = Mga sagot mula { $from } hanggang { $to }
results-period-label = Panahon
results-sources-label = Ang sinuri
results-source-resident = Mga sagot sa survey
results-source-department = Mga sagot ng mga pinuno ng departamento
results-source-community-org = Mga sagot ng mga organisasyon sa komunidad
results-source-notes = Mga tala ng panayam mula sa mga katuwang sa komunidad
results-source-reports = Mga kahilingan sa serbisyo sa 311
results-how-heading = Paano basahin ang mga resultang ito
results-how-ranking = Inayos ang mga pangangailangan ayon sa bahagi ng mga residenteng bumanggit nito, tinimbang para mabilang nang buo ang mga komunidad na bihirang marinig.
results-how-interval = May kasamang saklaw ang bawat bahagi: 90% kaming sigurado na nasa loob nito ang tunay na bahagi, dahil hindi lahat ng residente ay sumagot.
results-how-quotes = Ipinapakita lang ang mga sipi kapag inaprubahan ng Lungsod, at tinanggal ang mga pangalan, numero ng telepono at address.
results-how-status = Pinapanatiling napapanahon ang katayuan ng bawat aksiyon habang umuusad ang gawain ng Lungsod.
results-data-heading = Open data at mga update
results-data-intro = Lahat ng nasa pahinang ito, malayang magagamit muli:
results-data-needs = Mga pangangailangan (CSV)
results-data-districts = Mga distrito (CSV)
results-data-actions = Mga aksiyon (CSV)
results-data-json = Lahat ng resulta (JSON)
results-data-package = Diksiyonaryo ng datos at lisensiya (Data Package)
results-data-index = Lahat ng open data
results-feed = Sundan ang mga bagong resulta at pag-usad (Atom feed)
results-earlier-heading = Iba pang nailathalang resulta
results-survey-link = Mga resulta ng “{ $survey }”
results-all-link = Mga resulta ng lahat ng survey
results-publication-link = Inilathala noong { $date }: { $scope }
results-scope-all = lahat ng survey
results-thanks-link = Tingnan ang sinabi ng mga residente sa Lungsod sa ngayon, at ang ginagawa nito tungkol dito
results-not-found-body = Hindi namin nahanap ang mga resultang ito. Maaaring napalitan na sila ng mas bago.
results-back = Tingnan ang pinakabagong resulta
open-data-title = Open data
open-data-intro = Makukuha ang bawat paglalathala ng resulta bilang mga file na CSV at JSON, may kasamang diksiyonaryo ng datos. Inilalathala ang mga ito sa ilalim ng lisensiyang { $license }.
open-data-none = Wala pang nailalathala.
open-data-publication = Mga resultang inilathala noong { $date }: { $scope }
feed-title = Ang aming narinig: mga resulta at pag-usad
feed-publication = Bagong resultang nailathala: { $scope }
feed-action = { $need }: “{ $action }”, katayuan: { $status }

## Paper forms: the printable survey (print-…). Draft translation, to be reviewed.
print-page-title = { $survey } (form na maipi-print)
print-link = I-print ang survey na ito
print-how = Para i-print ang form na ito, gamitin ang Print ng inyong browser. Markahan ang inyong mga sagot gamit ang panulat.
print-answer-online = Sumagot na lang online
print-respondent-code = Code ng sumasagot
print-respondent-code-help = Para sa opisina: iwanang blangko ang kahong ito.
print-instructions = Punan ang isang bilog (○) kung isang sagot lang ang hinihingi, at bawat kahon (□) na angkop kung puwedeng pumili ng marami. Isulat ang inyong mga sagot sa mga linya. Puwede ninyong laktawan ang tanong na hindi nakamarkang kailangan.
print-choose-one = Pumili ng isa.
print-choose-any = Piliin ang lahat ng angkop.
print-write-in = Isulat ang inyong sagot sa mga linya.
print-number = Sumulat ng buong numero mula { $min } hanggang { $max }.
print-zip = Isulat ang inyong 5-digit na ZIP code.
print-thanks = Salamat po. Pakibalik ang form na ito sa tao o lugar na nagbigay nito sa inyo.
print-online = Puwede rin kayong sumagot online: { $url }
print-version = Bersiyon ng form { $version }

## Partner notes: the interview-notes upload pages (/notes, /notes/{id}) and their server messages. Draft translation, to be reviewed.
notes-title = Mga tala ng panayam
notes-lead = Mag-upload ng mga tala mula sa mga panayam sa mga residente. Inaalis ang mga personal na detalye (mga e-mail at address ng tirahan, mga numero ng telepono at mahahabang numero, mga web link) bago may maitabi, at makikita ninyo kung ano mismo ang susuriin bago kayo magkumpirma. Hindi itinatabi ang orihinal na file.
notes-upload-heading = Mag-upload ng mga tala
notes-file = File
notes-file-help = Tinatanggap: .txt, .md, .docx o .pdf, hanggang { $megabytes } MB; hanggang { $documents } dokumento bawat account.
notes-organization = Organisasyon
notes-organization-fixed = Organisasyon:
notes-community = Komunidad
notes-community-served = Komunidad na pinaglilingkuran
notes-community-help = Halimbawa: mga nakatatandang nagsasalita ng Vietnamese sa District 7.
notes-interview = Panayam
notes-interview-date = Petsa ng panayam
notes-role = Papel ng kinapanayam
notes-role-help = Halimbawa: residente, magulang, caseworker, may-ari ng maliit na negosyo.
notes-language = Wika ng mga tala
notes-language-short = Wika
notes-choose = Pumili…
notes-upload-button = I-upload at silipin
notes-yours = Ang mga na-upload ninyo
notes-none = Wala pang na-upload.
notes-passages = Mga talata
notes-status = Katayuan
notes-status-pending = naghihintay ng inyong kumpirmasyon
notes-status-confirmed = kasama sa pagsusuri
notes-redacted = Inalis
notes-uploaded = Na-upload
notes-uploaded-by = In-upload ni
notes-removed = Inalis: personal na detalye
notes-back = ← Ang mga na-upload ninyo
notes-check-title = Suriin bago ito pag-aralan
notes-check-lead = Ang mga talatang ito ang eksaktong itatabi at susuriin. Ang mga may marka ay inalis dahil personal na detalye. Kung may personal na detalye pang nakikita, itapon ang upload na ito, ayusin ang file at i-upload itong muli.
notes-confirm = Kumpirmahin: isama sa pagsusuri
notes-discard = Itapon
notes-delete = Burahin ang dokumentong ito
notes-delete-hint = Kapag binura, hindi na kasama ang teksto nito sa mga susunod na pagsusuri.
notes-will-analyse = Ang susuriin
notes-field-organization = ang organisasyon
notes-field-community = ang komunidad na pinaglilingkuran
notes-field-role = ang papel ng kinapanayam
notes-error-missing = Punan ang { $field }.
notes-error-too-long = Paikliin ang { $field } hanggang { $max } karakter.
notes-error-date-missing = Punan ang petsa ng panayam.
notes-error-date-invalid = Ang “{ $value }” ay hindi petsa: gamitin ang YYYY-MM-DD, halimbawa 2026-03-14.
notes-error-date-future = Nasa hinaharap ang petsa ng panayam.
notes-error-language = Piliin ang wikang ginamit sa mga tala.
notes-choose-file-again = Piliin muli ang file: hindi ito itinatabi ng browser pagkatapos ng problema.
notes-error-no-file = Pumili ng file na ia-upload: .txt, .md, .docx o .pdf.
notes-error-format = Ang “{ $file }” ay hindi .txt, .md, .docx o .pdf na file. I-save ito sa isa sa mga format na iyon.
notes-error-too-many = Mayroon na kayong { $count } dokumento, ang pinakamarami para sa isang account ({ $max }). Burahin muna ang ilang hindi na ninyo kailangan.
notes-error-unreadable = Hindi mabasa ang “{ $file }”: { $problem }.
notes-error-too-large = Mas malaki sa { $megabytes } MB ang file, ang pinakamalaki para sa isang upload. Hatiin ito sa ilang file.
notes-error-interrupted = Naputol ang pag-upload: subukan muli.
notes-error-not-upload = Ipadala ang form bilang pag-upload ng file.
notes-read = Nabasa ang { $count } talata mula sa “{ $file }”. Suriin sa ibaba ang susuriin, saka kumpirmahin o itapon ito.
notes-error-no-such = Walang ganitong dokumento sa mga na-upload ninyo.
notes-confirmed = Nakumpirma: ang { $count } talata ng “{ $file }” ay kasama sa susunod na pagsusuri.
notes-error-already-confirmed = Nakumpirma na ang dokumentong ito.
notes-deleted = Binura ang “{ $file }”: wala na ang teksto nito at hindi na ito kasama sa mga susunod na pagsusuri.
notes-discarded = Itinapon ang “{ $file }”: walang itinabi mula rito.
