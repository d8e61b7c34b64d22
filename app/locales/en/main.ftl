# Needscope interface strings, English. Survey questions are not here: each survey carries its own text.

nav-surveys = Surveys
skip-to-content = Skip to main content
brand-tagline = City of San José · Resident needs
language-picker = Language
footer-privacy = Answers are anonymous. We do not store your name, your IP address or anything about your device.
loading = Loading…

home-title = Tell the City what you need
home-intro = Your answers help the City of San José decide how to improve its services. Choose a survey below.
home-none-open = There are no open surveys right now. Please check back later.
home-question-count = { $count ->
    [one] 1 question
   *[other] { $count } questions
}
back-to-surveys = Back to the list of surveys

survey-question-count = { $count ->
    [one] 1 question. Questions marked “required” need an answer; all others are optional.
   *[other] { $count } questions. Questions marked “required” need an answer; all others are optional.
}
survey-submit = Send my answers
survey-sending = Sending…
survey-closed = This survey is closed and no longer accepts answers. Thank you for your interest.
survey-preview = Preview for administrators: this survey is a draft that residents cannot see. Answers sent from this page are not stored.
survey-partly-english = Some questions are not yet translated and are shown in English.
question-required = required
why-we-ask = Why we ask:
text-limit = Up to { $max } characters.
question-condition = Answer this only if you answered “{ $answers }” to question { $number }.
honeypot-label = Leave this field empty
district-label = District { $number }
district-not-sure = I'm not sure

error-summary-title = There is a problem with your answers
error-required = This question needs an answer.
error-too-long = Use { $max } characters or fewer (you used { $actual }).
error-not-a-number = Enter a whole number, like 3.
error-out-of-range = Enter a number from { $min } to { $max }.
error-invalid-zip = Enter a 5-digit ZIP code, like 95112.
error-unknown-option = Choose one of the options shown.
error-one-option = Choose only one option.
error-invalid-rating = Choose a rating from 1 to 5.
error-unavailable = The service is not available right now. Please try again in a few minutes.

form-error-rate-limited = You have sent several answers in a short time. Please wait a minute, then send again. Your answers are still here.
form-error-honeypot = Your answers could not be accepted because a hidden field was filled in. If you use a form-filling tool, turn it off for this page and send again.
form-error-closed = This survey closed before your answers arrived, so they were not saved.
form-error-malformed = Part of the form was missing. Please reload the page and send your answers again.
form-error-unavailable = Your answers could not be saved just now. Please try again in a minute; your answers are still here.

request-too-large-title = Your answers are too long to send
request-too-large-body = The answers you sent are longer than this form accepts. Please go back, shorten your longest answers, and send again.
cross-site-title = These answers came from another website
cross-site-body = For your safety, the City only accepts survey answers sent from its own site, so nothing was saved. Please open the survey on the City’s site and answer there.
cross-site-link = Open the survey on the City’s site
too-many-requests-title = Please wait a moment

thanks-title = Thank you!
thanks-body = Your answers have been saved. They will help the City understand what residents need.

not-found-title = Page not found
not-found-body = We could not find that page. It may have moved, or the survey may no longer exist.

invite-for = You are answering on behalf of { $organization }. Your answers will be counted for your organization.
invite-unknown = This invitation link does not work: it may be mistyped or meant for another survey. Ask the person who sent it for a new link.
invite-revoked = This invitation link was withdrawn by the City. Ask the person who sent it for a new link.
invite-expired = This invitation link has expired. Ask the person who sent it for a new link.
invite-used-up = This invitation link has already been used as many times as it allows. Ask the person who sent it for a new link.
form-error-invite-gone = The invitation link you opened stopped working (it expired, was used or was withdrawn), so your answers were not saved yet. They are still here: you can send them now without the link, and they will be counted without your organization's name.

## What we heard: the public results (routes/results.rs, components/results/), the open data and the feed.
results-title = What we heard
results-title-survey = What we heard: { $survey }
results-lead = This is what residents told the City, and what the City is doing about it.
results-published = Published { $date }.
results-none = No results have been published yet. Please check back later.
results-respondents = { $count ->
    [one] 1 resident answered the survey.
   *[other] { $count } residents answered the survey.
}
results-needs-heading = What residents need most
results-share = Share of residents: { $share } (likely between { $lower } and { $upper })
results-share-plain = Share of residents: { $share }
results-share-weighted-note = Shares are weighted so that groups who answered less often count as much as their share of the city.
results-need-respondents = { $count ->
    [one] 1 resident raised this.
   *[other] { $count } residents raised this.
}
results-withheld = Figures for this need are not shown, to protect the privacy of the few residents who raised it, or because they could not be estimated reliably.
results-actions-heading = What the City is doing
results-no-actions = The City has not announced an action for this need yet.
results-action-due = Expected by { $date }
results-action-department = Led by { $department }
results-action-status = Status: { $status }
results-status-proposed = Proposed
results-status-planned = Planned
results-status-in-progress = In progress
results-status-done = Done
results-status-wont-do = Not going ahead
results-quotes-heading = In residents’ words
results-districts-heading = By council district
results-districts-caption = Share of each district’s residents who raised each need
results-district-respondents = Residents who answered
results-district-need = Need
results-suppressed-note = — means the figure is not shown: too few residents are behind it to show it without risking their privacy, or showing it would let someone work out a hidden figure.
results-about-heading = About these results
results-period = Answers from { $from } to { $to }
results-period-label = Period
results-sources-label = What was analysed
results-source-resident = Survey responses
results-source-department = Department leaders’ answers
results-source-community-org = Community organizations’ answers
results-source-notes = Interview notes from community partners
results-source-reports = 311 service requests
results-how-heading = How to read these results
results-how-ranking = Needs are ranked by the share of residents who raised them, weighted so that under-heard communities count fully.
results-how-interval = Each share comes with a range: we are 90% sure the true share lies within it, because not every resident answered.
results-how-quotes = Quotes are shown only with the City’s approval, with names, phone numbers and addresses removed.
results-how-status = The status of each action is kept up to date as the City’s work progresses.
results-data-heading = Open data and updates
results-data-intro = Everything on this page, free to reuse:
results-data-needs = Needs (CSV)
results-data-districts = Districts (CSV)
results-data-actions = Actions (CSV)
results-data-json = All results (JSON)
results-data-package = Data dictionary and licence (Data Package)
results-data-index = All open data
results-feed = Follow new results and progress (Atom feed)
results-earlier-heading = Other published results
results-survey-link = Results of “{ $survey }”
results-all-link = Results of all surveys
results-publication-link = Published { $date }: { $scope }
results-scope-all = all surveys
results-thanks-link = See what residents have told the City so far, and what it is doing about it
results-not-found-body = We could not find these results. They may have been replaced by newer ones.
results-back = See the latest results
open-data-title = Open data
open-data-intro = Each publication of results is available as CSV and JSON files, with a data dictionary. They are published under the { $license } licence.
open-data-none = Nothing has been published yet.
open-data-publication = Results published { $date }: { $scope }
feed-title = What we heard: results and progress
feed-publication = New results published: { $scope }
feed-action = { $need }: “{ $action }”, status: { $status }
results-not-shown = not shown

# Staff: languages in a run (components/languages_panel.rs)
staff-languages-heading = Languages in this run
staff-languages-lead = Each unit's language is detected from its text; a unit too short or unclear to detect keeps the language the respondent chose (or the survey's). Units in different languages meet in one theme only through a multilingual sentence model or shared words.
staff-languages-col-language = Language
staff-languages-col-units = Units
staff-languages-col-in-themes = In themes
staff-languages-col-short = Too short
staff-languages-col-not-detected = Language not detected
staff-languages-col-words = Words counted as
staff-languages-col-model = Sentence model
staff-languages-not-recorded = not recorded
staff-languages-name-en = English
staff-languages-name-es = Spanish
staff-languages-name-vi = Vietnamese
staff-languages-name-zh = Chinese
staff-languages-name-tl = Tagalog
staff-languages-words-words = words
staff-languages-words-syllables = syllables
staff-languages-words-jieba = jieba segmentation
staff-languages-word-pairs = word pairs
staff-languages-syllable-pairs = syllable pairs
staff-languages-stemmed = stemmed
staff-languages-not-stemmed = no stemming
staff-languages-model-not-used = none: grouped by words only
staff-languages-model-multilingual = multilingual: meets answers in other languages
staff-languages-model-english = English
staff-languages-model-english-only = English-only: grouped by how the words look, seldom with English answers
staff-languages-model-unknown = not recorded with this run
