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

# Staff pages (English and Spanish only: staff- keys are not in vi, zh-Hant or tl; staff pages
# show English, marked lang="en", when one of those is chosen).

# Staff: shared frame (navigation, errors, roles)
staff-loading = Loading…
staff-sign-in = Sign in
staff-nav-label = Staff
staff-nav-english-only = Staff pages are written in English and Spanish; this page is shown in English.
staff-nav-overview = Overview
staff-nav-dashboard = Dashboard
staff-nav-runs = Analysis runs
staff-nav-compare = Compare runs
staff-nav-actions = Actions
staff-nav-publications = Published results
staff-nav-all-notes = All interview notes
staff-nav-links = Invitation links
staff-nav-reports = 311 reports
staff-nav-surveys = Surveys
staff-nav-strategy = Strategy
staff-nav-users = Users
staff-nav-weighting = Weighting
staff-nav-audit = Audit log
staff-nav-my-notes = Your interview notes
staff-nav-account = Account
staff-nav-sign-out = Sign out
staff-role-administrator = administrator
staff-role-analyst = analyst
staff-role-partner = partner
staff-error-sign-in = Sign in to see this page.
staff-error-forbidden = Your role does not allow you to see this page.
staff-error-not-found = There is nothing here.
staff-error-unavailable = The service is unavailable, please try again shortly.

# Staff: sign-in
staff-login-lead = For city staff and partner organizations. Residents do not need an account to answer a survey.
staff-login-email = E-mail address
staff-login-password = Password

# Staff: overview
staff-home-title = Staff overview
staff-home-dashboard = Need themes ranked by equity-weighted priority, with quotes, charts and exports.
staff-home-runs = Group the free text of responses and reports into themes; follow progress or cancel.
staff-home-surveys = Open and close the surveys; see how many responses each has.
staff-home-users = Invite analysts and partners, change roles, disable accounts.
staff-home-audit = Sign-ins, role changes, configuration changes, exports and analysis runs.

# Staff: shared table headings and words
staff-col-theme = Theme
staff-col-rank = Rank
staff-col-share = Share
staff-col-weighted-share = Weighted share
staff-col-priority = Priority
staff-col-people = People
staff-col-streams = Streams
staff-col-sources-per-month = Sources per month
staff-col-respondents = Respondents
staff-col-answer = Answer
staff-suppressed = suppressed
staff-chart-data-table = { $title }: data table

# Staff: dashboard (routes/staff/dashboard.rs, components/dashboard_filters.rs, weighting_notice.rs, closed.rs)
staff-dashboard-title = Need themes
staff-dashboard-no-run = No analysis run yet.
staff-dashboard-start-run = Start one once responses have come in.
staff-dashboard-all-streams = all streams
staff-dashboard-run-meta = Run { $run } · { $created } · { $representation } · { $units } units from { $respondents } respondents or documents · { $unclassified } unclassified · { $scope }
staff-dashboard-filtered = Filtered: people, trends and closed-question results are for the selected survey, stream, language, district and dates; weighted shares and ranks are for the whole run.
staff-dashboard-curated = Curated view: staff merged or split themes, so their figures were counted and weighted again on the curated themes. The run as logged is unchanged.
staff-dashboard-export = Export (curated view):
staff-dashboard-export-themes-csv = themes (CSV)
staff-dashboard-export-themes-json = themes (JSON)
staff-dashboard-export-breakdown = breakdown (CSV)
staff-dashboard-export-closed = closed questions (CSV)
staff-dashboard-export-audit = run audit record (JSON)
staff-dashboard-report = “What we heard” report
staff-dashboard-compare = compare with another run
staff-dashboard-publish = publish this run
staff-dashboard-rising = Rising needs
staff-dashboard-rising-short = { $months ->
    [one] This run covers 1 month; rising and falling needs show once it covers six.
   *[other] This run covers { $months } months; rising and falling needs show once it covers six.
}
staff-dashboard-rising-none = No theme rose clearly in the last three months ({ $stream }, { $from } to { $to }).
staff-dashboard-rising-meta = Sources in the last three months against the three before ({ $stream }).
staff-dashboard-rising-counts = : { $recent } against { $before }
staff-dashboard-set-aside = Set aside by staff
staff-dashboard-set-aside-item = { $people ->
    [one] { " " }({ $status }, 1 person)
   *[other] { " " }({ $status }, { $people } people)
}
staff-dashboard-sensitivity = How weighting changes the order
staff-dashboard-tau = Kendall's τ between the unweighted and raked × equity orders: { $tau }
staff-dashboard-rank-unweighted = Unweighted rank
staff-dashboard-rank-raked = Raked rank
staff-dashboard-rank-equity = Raked × equity rank
staff-dashboard-breakdown = By { $variable } (raked × equity, small cells suppressed)
staff-dashboard-caption-weighted = Themes by equity-weighted priority: share of residents (raked × equity) with its 90% interval
staff-dashboard-caption-unweighted = Themes by how many people raised them (not equity-weighted)
staff-dashboard-since-last = Since last run
staff-dashboard-since-run = Since run { $run }
staff-dashboard-new = new
staff-dashboard-same-rank = = same rank
staff-dashboard-suppressed-why = { " " }(weighted figures suppressed: { $reason })
staff-dashboard-spark-title = { $theme }: sources per month
staff-dashboard-everyone = everyone
staff-dashboard-updated = { $themes ->
    [one] Dashboard updated: 1 theme of run { $run }, counting { $scope }.
   *[other] Dashboard updated: { $themes } themes of run { $run }, counting { $scope }.
}
staff-filter-run = Run
staff-filter-survey = Survey
staff-filter-all-surveys = All, with reports and notes
staff-filter-stream = Stream
staff-filter-all = All
staff-filter-language = Language
staff-filter-district = District
staff-filter-district-n = District { $number }
staff-filter-goal = Goal
staff-filter-department = Department
staff-filter-from = From
staff-filter-to = To
staff-filter-by = Breakdown by
staff-filter-apply = Apply
staff-weighting-notice = Not equity-weighted: { $problem }. Themes are ranked by how many people raised them.
staff-weighting-notice-link = Set up or change the weighting
staff-weighting-notice-admin = (population margins and the equity index), then start a new run.
staff-weighting-notice-ask = Ask an administrator to set up the weighting (population margins and the equity index) on the Weighting page, then start a new run.
staff-closed-title = Closed questions
staff-closed-none = No closed question was answered by the respondents in this run and selection.
staff-closed-weighted = Weighted shares use the run's raking weights and cover the residents it weighted (those who wrote an answer it analysed); the other figures are unweighted counts of every respondent.
staff-closed-unweighted = This run is not weighted: every share is unweighted, over the number of respondents shown.
staff-closed-intro = Answers of the respondents this run analysed, after the stream and language filters (the language the survey was taken in). Counts below { $min } are suppressed, and so is any cell a shown total would give away. { $weighting } Questions nobody answered are left out.
staff-closed-survey-heading = { $survey }: how people answered
staff-closed-question = Question
staff-closed-against = Against
staff-closed-cross = Cross
staff-closed-cross-help = “Against” lists the other questions of the chosen question's survey; after choosing a question from another survey, press Cross to see its list.
staff-closed-by-theme = Themes by answer to “{ $question }”
staff-closed-by-theme-help = Each cell: of the respondents who gave that answer and wrote an answer the run analysed, the share whose answers fall in the theme. A column with too few such respondents is suppressed.
staff-closed-fewer-than = { $label } (fewer than { $min })
staff-closed-by-against = “{ $question }” by “{ $against }”
staff-closed-by-against-help = Each cell: respondents, and their share of the row (the respondents in that group who answered).
staff-closed-answered = { $count ->
    [one] 1 respondent answered
   *[other] { $count } respondents answered
}
staff-closed-answered-suppressed = a suppressed number of respondents answered
staff-closed-skipped = { $count } skipped it
staff-closed-not-asked = { $count ->
    [one] 1 was not asked (earlier answers skipped past it)
   *[other] { $count } were not asked (earlier answers skipped past it)
}
staff-closed-several = Respondents could choose several: shares add up to more than 100%.
staff-closed-chart-desc = Horizontal bars, one per answer in the survey's order, of the unweighted share of those who answered: { $answers }. { $facts }.{ $several }
staff-closed-weighted-share = Weighted share ({ $count } weighted)

# Staff: theme page (routes/staff/theme.rs)
staff-status-need = need
staff-status-not-a-need = not a need
staff-status-hidden = hidden
staff-previous = ← Previous
staff-next = Next →
staff-page-of = Page { $page } of { $pages }
staff-theme-page-title = { $theme } · theme
staff-theme-back = ← All themes of run { $run }
staff-theme-none = No such theme
staff-theme-none-body = This run has no theme with that id (it may have been merged into another).
staff-theme-see-all = See all themes.
staff-theme-named-generated = Name made from the theme's own answers. Keywords: { $keywords }.
staff-theme-named-carried = Named by staff in run { $run } ({ $at }), carried to this run. Keywords: { $keywords }.
staff-theme-named-staff = Named by staff ({ $at }). Keywords: { $keywords }.
staff-theme-rising = rising
staff-theme-falling = falling
staff-theme-steady = steady
staff-theme-trend = { $way }: { $recent } sources in the last three months, { $before } in the three before
staff-theme-chart-desc = Columns, one per month from { $from } to { $to }: { $counts }.
staff-theme-set-aside = Set aside by staff: { $status }. It is not ranked.
staff-theme-split-from = Split off theme { $theme } by staff.
staff-theme-shown-with = Shown with: { $themes }.
staff-theme-not-ranked = not ranked
staff-theme-people = { $people } ({ $share } of those analysed)
staff-theme-weighted-share = { $share } — 90% interval in brackets
staff-theme-weighted-figures = Weighted figures
staff-theme-suppressed = suppressed: { $reason }
staff-theme-not-weighted = not weighted: { $problem }
staff-theme-by-stream = By stream
staff-theme-languages = Languages
staff-theme-none-yet = none yet
staff-theme-goals = Goals
staff-theme-trend-label = Trend
staff-theme-quotes = What people wrote
staff-theme-quotes-help = Approved quotes may appear in the “What we heard” report and public results.
staff-theme-quote-meta = { " " }· written in { $lang } · { $approved }
staff-theme-approved = approved
staff-theme-not-approved = not approved
staff-theme-withdraw-approval = Withdraw approval
staff-theme-approve = Approve this quote
staff-theme-breakdown = By { $variable } (raked × equity)
staff-theme-answers-to = Answers to “{ $question }”
staff-theme-sources = Sources ({ $count })
staff-theme-split-label = Split the ticked answers off into a new theme named
staff-theme-split = Split off
staff-theme-source-pages = Source pages
staff-theme-curate = Curate this theme
staff-theme-curate-help = Changes are kept by theme id, carry to the next runs and are written to the audit log. The logged run is not changed.
staff-theme-name = Name
staff-theme-name-hint = Leave empty to use the name made from the answers.
staff-theme-description = Description
staff-theme-save-name = Save name and description
staff-theme-strategy-goals = Strategy goals
staff-theme-owning-department = Owning department
staff-theme-none-yet-option = None yet
staff-theme-save-goals = Save goals and department
staff-theme-show-as = Show this theme as
staff-theme-as-need = A need (ranked)
staff-theme-as-hidden = Hidden from the overview
staff-theme-as-not-a-need = Not a need (thanks, off-topic)
staff-theme-save-status = Save status
staff-theme-merge-into = Show this theme inside
staff-theme-merge = Merge
staff-theme-unmerge = Show { $theme } on its own again

# Staff: actions board and theme actions (routes/staff/actions.rs, components/actions.rs)
staff-none = None.
staff-or = or
staff-archived-name = { $name } (archived)
staff-action-proposed = Proposed
staff-action-planned = Planned
staff-action-in-progress = In progress
staff-action-done = Done
staff-action-wont-do = Won't do
staff-actions-lead = What departments will do about the need themes, and where each action stands.
staff-actions-all = All actions
staff-actions-of = Actions of department { $department }
staff-actions-for = Actions for goal “{ $goal }”
staff-actions-of-for = Actions of department { $department } for goal “{ $goal }”
staff-actions-choose-board = Choose a board
staff-actions-all-departments = All departments
staff-actions-strategy-goal = Strategy goal
staff-actions-all-goals = All goals
staff-actions-show-board = Show the board
staff-actions-count = { $count ->
    [one] 1 action
   *[other] { $count } actions
}
staff-actions-overdue-count = , { $count } overdue
staff-actions-download = Download this board as
staff-actions-add = Add an action
staff-actions-none-on-theme = No actions on this theme yet.
staff-actions-on-theme = Actions on theme { $theme }
staff-actions-col-action = Action
staff-actions-col-status = Status
staff-actions-col-start = Start
staff-actions-col-due = Due
staff-actions-col-summary = Public summary
staff-actions-col-change = Change
staff-actions-overdue = Overdue
staff-actions-status-of = Status of “{ $title }”
staff-actions-move = Move
staff-actions-theme-id = Theme id (such as T-003)
staff-actions-title = Title
staff-actions-start-date = Start date (YYYY-MM-DD, optional)
staff-actions-due-date = Due date (YYYY-MM-DD, optional; not before the start)
staff-actions-summary-label = Public summary: what residents will be told (at most { $max } characters)
staff-actions-add-button = Add the action
staff-actions-edit = Edit “{ $title }”
staff-actions-save = Save the action

# Staff: interview notes and 311 reports (routes/staff/notes.rs, components/notes.rs, routes/staff/reports.rs)
staff-none-yet = None yet.
staff-notes-title = Interview notes
staff-notes-count = { $count ->
    [one] 1 confirmed document. Each counts as one source in an analysis run, however long it is.
   *[other] { $count } confirmed documents. Each counts as one source in an analysis run, however long it is.
}
staff-notes-file = File
staff-notes-organization = Organization
staff-notes-community = Community
staff-notes-community-served = Community served
staff-notes-interview = Interview
staff-notes-interview-date = Interview date
staff-notes-interviewee-role = Interviewee's role
staff-notes-passages = Passages
staff-notes-redacted = Redacted
staff-notes-uploaded = Uploaded
staff-notes-uploaded-by = Uploaded by
staff-notes-removed = Removed: personal detail
staff-notes-back = ← All interview notes
staff-reports-title = Resident reports (311)
staff-reports-lead = Import service requests as their own stream. The file is read row by row; a row that cannot be used is listed with its line and the reason, and the good rows still import.
staff-reports-refused = Refused rows
staff-reports-import-file = Import a file
staff-reports-file-help = A CSV export with a header row, or an Open311 GeoReport v2 requests.json.
staff-reports-format = Format
staff-reports-format-auto = From the file name (.json is Open311)
staff-reports-source = Source
staff-reports-source-help = A short name such as sj311; request ids are unique within a source.
staff-reports-columns = CSV columns (names as in the header row)
staff-reports-id-column = Request id column
staff-reports-id-column-help = Unique per request; re-importing the same file then adds nothing twice. Required for CSV.
staff-reports-text-column = Description column
staff-reports-text-column-help = The resident's own words. Required for CSV.
staff-reports-category-column = Category column
staff-reports-category-column-help = Optional: the request type.
staff-reports-date-column = Date column
staff-reports-date-column-help = Optional: when the request was made (dates like 2026-03-14 or 03/14/2026).
staff-reports-district-column = Council district column
staff-reports-zip-column = ZIP code column
staff-reports-optional = Optional.
staff-reports-import = Import
staff-reports-stored = Stored reports
staff-reports-reports = Reports

# Staff: analysis runs (routes/staff/runs.rs)
staff-stream-resident = Resident survey
staff-stream-department = Department leaders
staff-stream-community-org = Community organizations
staff-stream-notes = Interview notes
staff-stream-reports = Resident reports (311)
staff-job-queued = queued
staff-job-running = running
staff-job-succeeded = succeeded
staff-job-failed = failed
staff-job-cancelled = cancelled
staff-runs-stored = { $responses } survey responses and { $reports } imported reports stored.
staff-runs-start = Start a run
staff-runs-from = From (first day, optional)
staff-runs-to = To (last day, optional)
staff-runs-representation = Representation
staff-runs-classical = Classical (TF-IDF + LSA): fast, keyword-based
staff-runs-semantic = Semantic (sentence embeddings): groups by meaning
staff-runs-semantic-missing = Semantic: needs a sentence model (model_dir) configured on the server
staff-runs-k = Number of themes (leave empty to choose automatically)
staff-runs-start-button = Start the run
staff-runs-recent = Recent runs
staff-runs-in-progress = A run is in progress; this list follows it by itself when JavaScript is on.
staff-runs-reload = Reload to see its progress
staff-runs-none = No runs yet.
staff-runs-all-dates = all dates
staff-runs-dates = { $from } to { $to }
staff-runs-date-start = start
staff-runs-date-now = now
staff-runs-request = Run request { $id }
staff-runs-stopping = (stopping…)
staff-runs-job-meta = { $created } · by { $by } · { $scope }
staff-runs-starting = starting
staff-runs-open = Open run { $run } on the dashboard
staff-runs-report = Report of run { $run } (“What we heard”, to print)
staff-runs-publish = Publish run { $run }
staff-runs-cancel = Cancel this run

# Staff: compare runs (routes/staff/compare.rs)
staff-and = and
staff-compare-run-name = Run { $run } ({ $created })
staff-compare-basis-weighted = raked × equity weighted share of residents
staff-compare-basis-unweighted = unweighted share of respondents and documents
staff-compare-needs-two = { $count ->
    [one] Comparing needs two analysis runs; there is one.
   *[other] Comparing needs two analysis runs; there are none yet.
}
staff-compare-run-a = Run A (earlier)
staff-compare-run-b = Run B (later)
staff-compare-button = Compare
staff-compare-basis-note-weighted = Shares are the { $basis }, with small cells suppressed as on the dashboard.
staff-compare-basis-note-unweighted = { $count ->
    [one] Shares are the { $basis }: run { $runs } is not equity-weighted, so weighted shares cannot be compared.
   *[other] Shares are the { $basis }: runs { $runs } are not equity-weighted, so weighted shares cannot be compared.
}
staff-compare-json = This comparison (JSON)
staff-compare-report-of = Report of run { $run }
staff-compare-both = Themes in both runs
staff-compare-none-kept = No theme kept its id from run A to run B.
staff-compare-both-caption = Themes in both runs: share and rank in run { $a } and run { $b }
staff-compare-share-a = Share in A (run { $run })
staff-compare-share-b = Share in B (run { $run })
staff-compare-change = Change
staff-compare-rank-a = Rank in A
staff-compare-rank-b = Rank in B
staff-compare-movement = Movement
staff-compare-same-rank = same rank
staff-compare-up = { $places ->
    [one] up 1 place
   *[other] up { $places } places
}
staff-compare-down = { $places ->
    [one] down 1 place
   *[other] down { $places } places
}
staff-compare-not-ranked = not ranked in both runs
staff-compare-new = New themes
staff-compare-new-help = In run B, not in run A.
staff-compare-no-new = No new themes.
staff-compare-gone = Gone themes
staff-compare-gone-help = In run A, not in run B.
staff-compare-no-gone = No theme went.
staff-compare-regrouped = Merged and split themes
staff-compare-regrouped-help = Read from the answers both runs analysed: themes merged when at least a quarter of each went into one theme of run B; a theme split when at least a quarter of it went to each of several.
staff-compare-badge-new = new
staff-compare-badge-gone = gone
staff-compare-badge-merged = merged
staff-compare-badge-split = split
staff-compare-rank-n = , rank { $rank }
staff-compare-no-regrouping = No theme merged or split.
staff-compare-merged = { $from } went into { $into } ({ $parts } of each)
staff-compare-split = { $from } split into { $into } ({ $part } of it)
staff-compare-history = Every theme across all runs
staff-compare-history-help = Each theme's { $basis } in every run, oldest first; a gap means the theme was not in that run or its share was suppressed.
staff-compare-history-caption = Share of every theme in every run
staff-compare-line = Line
staff-compare-run-n = Run { $run }
staff-compare-run-spoken = run { $run }
staff-compare-none-share = none
staff-compare-share-by-run = { $theme }: share by run

# Staff: "What we heard" run report (routes/staff/report.rs)
staff-report-title = What we heard
staff-report-interval = { $share } (90% interval { $lower } – { $upper })
staff-report-configured-margins = the configured margins
staff-report-no-run = There is no analysis run { $run }.
staff-report-not-a-number = “{ $text }” is not a run number.
staff-report-see-runs = See the runs
staff-report-chart-weighted = Share of residents raising each need, weighted
staff-report-chart-weighted-desc = Horizontal bars, one per theme in priority order, raked × equity weighted shares; lines show 90% intervals. Themes whose weighted figures are withheld show their unweighted share without a line.
staff-report-chart-unweighted = Share of people raising each need, unweighted
staff-report-chart-unweighted-desc = Horizontal bars, one per theme, largest first.
staff-report-lead = The needs residents and partners raised, from analysis run { $run } ({ $created }).
staff-report-print = To print this report or save it as a PDF, use your browser's Print command; navigation and buttons are left out of the printout.
staff-report-open-dashboard = Open this run on the dashboard
staff-report-analysed = What was analysed
staff-report-scope = Scope
staff-report-text = Text analysed
staff-report-text-value = { $units } answers, passages and reports from { $respondents } people, documents and reports; { $unclassified } fitted no theme
staff-report-by-source = Who is counted, by source
staff-report-people-docs = People, documents or reports
staff-report-needs = Needs in priority order
staff-report-ranked-weighted = Themes ranked by equity-weighted priority
staff-report-ranked-unweighted = Themes by how many people raised them
staff-report-weighted-share = Weighted share of residents
staff-report-withheld = withheld (too few to publish)
staff-report-not-weighted = not weighted
staff-report-themes = What people told us, theme by theme
staff-report-reading = How to read this
staff-report-reading-theme = A theme is a need many people described in their own words; its name sums up what they wrote. The quotes are theirs, in the language they wrote in, with personal details removed.
staff-report-reading-weighted = The share is the part of residents who raised the need, weighted so that the people who answered stand for the City's population and lean toward the areas the City's equity index marks as most in need. One person can raise several needs, so shares add up to more than 100%.
staff-report-reading-unweighted = This run is not weighted: the share is the part of the people, documents and reports analysed that raised the need, and says nothing yet about the City's population as a whole. One person can raise several needs, so shares add up to more than 100%.
staff-report-reading-interval = The 90% interval is the range the share would likely fall in if other residents like these had answered: when two themes' intervals overlap, their order is not certain.
staff-report-reading-sources = Interview notes, department leaders, community organizations and 311 reports are counted as their own sources, never mixed into residents' shares.
staff-report-reading-withheld = Figures drawn from too few people are withheld, so nobody can be singled out.
staff-report-theme-weighted = { $share } of residents, weighted
staff-report-theme-withheld = weighted share withheld: { $reason }
staff-report-theme-people = { $people } people, documents or reports ({ $share } of those analysed)
staff-report-no-quote = No quote approved for this theme yet (staff approve quotes on the theme's page).
staff-report-written-in = { " " }· written in { $lang }
staff-report-configured = configured
staff-report-method-semantic = Answers were turned into sentence embeddings with the { $model } model, which places answers with the same meaning close together across wording and language, and grouped with k-means.
staff-report-method-classical = Answers were compared by the words they use (TF-IDF, reduced with latent semantic analysis) and grouped with k-means.
staff-report-k-auto = The number of themes, { $k }, was chosen automatically: the number whose themes stay most stable when the answers are resampled.
staff-report-k-fixed = Staff fixed the number of themes at { $k }.
staff-report-method = How we did this
staff-report-finding = Finding the themes
staff-report-seed = Answers far from every theme were left unclassified rather than forced into one. The run can be repeated exactly (random seed { $seed }).
staff-report-raking = { $respondents } residents' answers were weighted. Raking adjusted their weights until the respondents matched the City's population by { $variables }.
staff-report-equity = Each weight was then multiplied by a factor from the area equity index ({ $index }), so that areas of greater need count more.
staff-report-no-equity = No equity index was configured, so every area counts the same.
staff-report-design-effect = The weights' design effect is { $deff }: the answers carry as much information as { $n } unweighted ones.
staff-report-none-withheld = No theme's figures were withheld.
staff-report-withheld-list = Withheld in this run:
staff-report-unweighted-run = This run is not equity-weighted ({ $problem }); themes are ordered by how many people raised them.
staff-report-no-config = no weighting configuration

# Staff: charts (components/chart.rs)
staff-chart-interval = 90% interval

# Staff: published results (routes/staff/publications.rs)
staff-publications-lead = Publish what residents told us, as staff curated it: the needs with their public names and descriptions, equity-weighted shares, council districts, approved quotes and the actions the City has taken on. A publication is a snapshot: later curation changes nothing until you publish again.
staff-publications-publish-run = Publish a run
staff-publications-no-run = No analysis run yet: start one on the analysis runs page.
staff-publications-limited-to = Limited to
staff-publications-everything-analysed = Everything the run analysed
staff-publications-the-survey = The survey “{ $title }”
staff-publications-what = Only needs are published (not hidden themes, nor those set aside as not a need); only quotes staff approved; only actions past “proposed”. Small figures are withheld.
staff-publications-publish = Publish
staff-publications-list = Publications
staff-publications-none = Nothing published yet.
staff-publications-col-publication = Publication
staff-publications-col-published = Published
staff-publications-col-by = By
staff-publications-col-needs = Needs
staff-publications-col-state = State
staff-publications-withdraw = Withdraw
staff-publications-withdraw-n = Withdraw publication { $id }
staff-publications-everything = Everything
staff-publications-live = Live
staff-publications-withdrawn = Withdrawn { $at }
staff-publications-n = Publication { $id }

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

# Staff: strategy goals and departments (routes/staff/strategy.rs)
staff-strategy-title = Strategy goals and departments
staff-strategy-lead = Themes are tied to the goals of the City's digital strategy, and owned, with their actions, by departments. Archive what is no longer used: what refers to it keeps it.
staff-strategy-order = Order
staff-strategy-themes = Themes
staff-strategy-add-goal = Add a goal
staff-strategy-add-goal-button = Add the goal
staff-strategy-departments = Departments
staff-strategy-no-departments = No departments yet.
staff-strategy-themes-actions = Themes and actions
staff-strategy-add-department = Add a department
staff-strategy-add-department-button = Add the department
staff-strategy-bring-back = Bring back
staff-strategy-bring-back-named = Bring back “{ $name }”
staff-strategy-archive = Archive
staff-strategy-archive-named = Archive “{ $name }”
staff-strategy-delete = Delete
staff-strategy-delete-named = Delete “{ $name }”
staff-strategy-archived = Archived
staff-strategy-in-use = In use
staff-strategy-up = Up
staff-strategy-down = Down
staff-strategy-move-up = Move “{ $name }” up
staff-strategy-move-down = Move “{ $name }” down
staff-strategy-edit = Edit “{ $name }”
staff-strategy-save-goal = Save the goal
staff-strategy-rename = Rename “{ $name }”
staff-strategy-save-name = Save the name

# Staff: equity weighting (routes/staff/weighting.rs)
staff-weighting-title = Equity weighting
staff-weighting-lead = Resident answers are weighted to the city's population (raking on the margins) and toward the areas the equity index says need it most.
staff-weighting-in-force = Version { $version } is in force: the next analysis run uses it.
staff-weighting-none-in-force = No version is in force yet: runs are not equity-weighted.
staff-weighting-drafts = Drafts
staff-weighting-no-draft = No draft waiting. An upload that passes the checks appears here with its preview.
staff-weighting-versions = Versions
staff-weighting-upload = Upload a configuration
staff-weighting-upload-help = CSV files with a header row, UTF-8, at most 4 MB each (templates: analysis/templates/). A file with a problem is refused with its line and column and nothing changes; the options you typed are kept, but the browser forgets the chosen files, so choose them again. A good upload becomes a draft: it is not in force until you activate it.
staff-weighting-files = Files
staff-weighting-margins = Population margins (required)
staff-weighting-margins-help = variable,category,share or variable,category,population — e.g. council_district,3,0.1.
staff-weighting-equity = Equity index (optional)
staff-weighting-equity-help = area,score — one score per council district, tract or ZIP.
staff-weighting-crosswalk = ZIP crosswalk (optional, needs an equity index)
staff-weighting-crosswalk-help = zip,area or zip,area,ratio — for residents who give only a ZIP code (HUD-USPS RES_RATIO as ratio).
staff-weighting-options = Options (the defaults are the command line's)
staff-weighting-index-name = Equity index name and vintage
staff-weighting-index-name-help = Stored with every run, e.g. “San José Equity Index 2023”.
staff-weighting-scale-min = Lowest score of the index scale
staff-weighting-scale-min-help = San José's Equity Index runs from 2 to 10.
staff-weighting-scale-max = Highest score of the index scale
staff-weighting-strength = Strength α of the equity multiplier
staff-weighting-strength-help = Weight multiplier g = 1 + α · need, from 0 (no equity lean) to 10.
staff-weighting-trim-floor = Trim floor (× mean weight)
staff-weighting-trim-floor-help = No weight below this multiple of the mean, from 0 to below 1.
staff-weighting-trim-cap = Trim cap (× mean weight)
staff-weighting-trim-cap-help = No weight above this multiple of the mean, above 1.
staff-weighting-replicates = Bootstrap replicates
staff-weighting-replicates-help = For the intervals: 0 (none) or 2 to 10000.
staff-weighting-seed = Bootstrap seed
staff-weighting-seed-help = The same seed gives the same intervals.
staff-weighting-healthier = A higher score means less need (e.g. the Healthy Places Index)
staff-weighting-check = Check and preview
staff-weighting-draft-heading = Draft uploaded { $at } by { $by }
staff-weighting-same-as = This is the same configuration as version { $version }: activating puts version { $version } back in force.
staff-weighting-draft-meta = { $source } · index: { $index }
staff-weighting-no-preview = No preview was stored for this draft.
staff-weighting-activate = Activate
staff-weighting-discard = Discard
staff-weighting-preview = Preview
staff-weighting-preview-problem = { $problem } ({ $respondents } resident respondents).
staff-weighting-deff-equity = Design effect, raked × equity
staff-weighting-range-equity = Weight range, raked × equity
staff-weighting-range-value = { $min } to { $max } the mean
staff-weighting-preview-on = Preview on the { $respondents } resident respondents stored at upload
staff-weighting-weights = Weights
staff-weighting-deff = Design effect (Kish)
staff-weighting-deff-value = { $deff } (effective sample { $n })
staff-weighting-range = Weight range
staff-weighting-trimmed = Trimmed
staff-weighting-trimmed-value = { $share } of respondents
staff-weighting-margins-met = Margins met
staff-weighting-met-yes = yes (largest error { $error })
staff-weighting-met-no = no: largest error { $error }
staff-weighting-fit-on = Fit on { $variable }
staff-weighting-missing = { $count } did not answer (kept, neutral)
staff-weighting-merged = merged for too few respondents: { $categories }
staff-weighting-category = Category
staff-weighting-population-share = Population share
staff-weighting-sample-share = Sample share
staff-weighting-no-version = No version stored yet.
staff-weighting-version = Version
staff-weighting-stored = Stored
staff-weighting-index = Index
staff-weighting-in-force-col = In force
staff-weighting-configuration = Configuration
staff-weighting-put-in-force = Put version { $version } in force
staff-weighting-raking-only = none (raking only)
staff-weighting-in-force-since = in force since { $at }
staff-weighting-state-in-force = in force
staff-weighting-last-in-force = no (last in force { $at })
staff-weighting-state-no = no
staff-weighting-stored-by = { $at } by { $by }

# Staff: surveys, survey editor and question form (routes/staff/surveys.rs, survey_editor.rs, survey_question.rs)
staff-surveys-title-en = Title (English)
staff-surveys-intro-en = Introduction (English)
staff-surveys-responses = Responses
staff-surveys-address = Address
staff-editor-title = Edit survey
staff-editor-back = ← All surveys
staff-editor-texts = Title and introduction
staff-editor-save-texts = Save title and introduction
staff-editor-questions = Questions
staff-editor-add-question = Add a question
staff-editor-no-questions = No questions yet.
staff-editor-translations = Translations
staff-editor-translations-help = A text without a translation is shown to residents in English, with a note saying so in their language. A translation whose English changed after it was written is counted as outdated until it is saved again.
staff-editor-translated = { $language }: { $done } of { $total } texts translated
staff-editor-outdated = , { $count } outdated
staff-editor-more = Branching, weighting variables and more
staff-editor-json = Edit the whole survey as JSON
staff-editor-json-help = (questions shown only after certain answers, the weighting variable a question measures, why a question is asked).
staff-editor-made = Made
staff-editor-new-version = The survey is open or answered: a change is saved as a new version, and responses already given stay with theirs.
staff-editor-same-version = The survey is not open and nobody has answered it: changes are saved in this version.
staff-editor-preview = (a preview: residents cannot see a draft)
staff-editor-for = For
staff-editor-change-status = (change it on
staff-editor-surveys-page = the surveys page
staff-editor-required = required
staff-editor-change-question = Change question { $key }
staff-editor-remove = Remove { $key }…
staff-editor-remove-help = Answers already given stay with their version.
staff-editor-remove-question = Remove question { $key }
staff-editor-move-up = Move up
staff-editor-move-down = Move down
staff-question-title = Survey question
staff-question-notes = These stay as they are; change them in
staff-question-json = the JSON definition
staff-question-key = Key
staff-question-key-fixed = (answers are stored under it, so it does not change)
staff-question-key-hint = Answers are stored under it: a-z, 0-9 and _, like top_need. It cannot change later.
staff-question-place = Place
staff-question-first = First
staff-question-after = After { $key }: { $prompt }
staff-question-kind = Kind
staff-kind-single-choice = One choice
staff-kind-multiple-choice = Several choices
staff-kind-rating = Rating from 1 to 5
staff-kind-short-text = Short text
staff-kind-long-text = Long text (analysed for need themes)
staff-kind-number = Number
staff-kind-zip = ZIP code
staff-kind-council-district = Council district
staff-kind-language = Language spoken
staff-question-prompt = Question (English)
staff-question-help = Help text (English, optional)
staff-question-required = An answer is required
staff-question-options-legend = Options (one choice, several choices, language)
staff-question-options = Options, one per line
staff-question-options-hint = One per line: “value | label”, or just the label. The value is what is stored; keep it when you reword the label.
staff-question-length = Length (text)
staff-question-max-chars = Longest answer, in characters
staff-question-range = Range (number)
staff-question-min = Smallest
staff-question-max = Largest
staff-question-labels = Labels (rating)
staff-question-low = What 1 means (English)
staff-question-high = What 5 means (English)
staff-question-save = Save the question
staff-question-add = Add the question

# Staff: users, audit log, invitation links, invitation, account (routes/staff/users.rs, audit.rs, links.rs, invitation.rs, account.rs)
staff-save = Save
staff-users-invite = Invite someone
staff-users-role = Role
staff-users-organization = Organization (partners)
staff-users-create-link = Create invitation link
staff-users-accounts = Accounts
staff-users-email = E-mail
staff-users-since = Since
staff-users-role-status = Role and status
staff-users-open-invitations = Open invitations
staff-users-invitation = { $email } as { $role } — expires { $expires }
staff-users-role-of = Role of { $name }
staff-users-disabled = disabled
staff-audit-lead = The latest 200 events. Failed and refused sign-ins are counted, one line per e-mail address every { $minutes } minutes; the latest { $listed } of those lines are listed with the events.
staff-audit-when = When
staff-audit-who = Who
staff-audit-detail = Detail
staff-state-active = active
staff-state-revoked = revoked
staff-state-expired = expired
staff-state-used-up = used up
staff-links-lead = Send department leaders and community organizations a link to their instrument. Their answers are recorded with the organization the link is for.
staff-links-make = Make a link
staff-links-instrument = Instrument
staff-links-how-many = How many responses
staff-links-single = One response (a single person)
staff-links-multi = Several responses (to share within the organization)
staff-links-max = Most responses, for a shared link (empty: no limit)
staff-links-days = Expires after (days)
staff-links-make-button = Make the link
staff-links-links = Links
staff-links-none = No links yet.
staff-links-expires = Expires
staff-links-uses = { $uses } of { $max }
staff-links-withdraw = Withdraw the link for { $organization }
staff-invitation-title = Accept your invitation
staff-invitation-sign-in = Go to sign-in
staff-invitation-lead = You are invited as { $role } for { $email }.
staff-invitation-name = Your name
staff-invitation-password = Choose a password
staff-invitation-password-help = At least 12 characters. A few unrelated words make a strong one.
staff-invitation-confirm = Type the password again
staff-invitation-create = Create my account
staff-account-title = Your account
staff-account-everywhere = Sign out everywhere
staff-account-everywhere-help = Ends every session of this account, on every device, including this one.
staff-account-everywhere-help-staff = Ends every session of this account, on every device, including this one, and revokes all your API tokens.
staff-tokens-title = API tokens
staff-tokens-hint = A token lets your scripts (curl, R, Python) read the staff API under /api/v1 as you, with the header
staff-tokens-hint-after = It works for the API only, never for these pages or their forms. The token is shown once, right after you make it: keep it like a password.
staff-tokens-name = Name (what the token is for)
staff-tokens-expires-after = Expires after
staff-tokens-expiry-days = { $days } days
staff-tokens-expiry-year = 1 year
staff-tokens-expiry-never = Never
staff-tokens-make = Make a token
staff-tokens-none = You have no API tokens.
staff-tokens-created = Created
staff-tokens-last-used = Last used
staff-tokens-revoke = Revoke
staff-tokens-revoke-named = Revoke the token { $name }
staff-tokens-never = never

# Staff: messages left by the server after a form (server/src/auth/handlers.rs, routes/runs.rs, routes/weighting.rs)
staff-flash-too-many-sign-ins = Too many sign-in attempts. Wait a minute, then try again.
staff-flash-sign-in-refused = The e-mail address or password is not right, or the account is disabled.
staff-flash-signed-out = You are signed out.
staff-flash-run-queued = Run request { $id } queued. This page updates as it goes.
staff-flash-run-cancelling = Run request { $id } is being cancelled.
staff-flash-run-finished = Run request { $id } had already finished.
staff-flash-weighting-in-force = Version { $version } is in force: the next analysis run uses it. Runs already made keep the version they used.
staff-flash-weighting-in-force-again = Version { $version } is in force again: the next analysis run uses it. Runs already made keep the version they used.
staff-flash-draft-gone = That draft was already activated or discarded.
staff-flash-draft-discarded = Draft discarded: the configuration in force is unchanged.
staff-flash-no-version = There is no version { $version }.

# Staff: surveys list (routes/staff/surveys.rs)
staff-audience-resident = Residents
staff-audience-department = Department leaders
staff-audience-community-org = Community organizations
staff-surveys-draft = draft
staff-surveys-open = open
staff-surveys-closed = closed
staff-surveys-audience = Audience
staff-surveys-status-of = Status of { $survey }
staff-surveys-save-status = Save status of { $survey }
staff-surveys-make = Make a survey
staff-surveys-make-help = A new survey starts as a draft: residents cannot see it until you open it. Write it in English; translate it from its page.
staff-surveys-address-hint = The survey's web address, /surveys/…: a-z, 0-9 and hyphens, like parks-2027. It cannot change later.
staff-surveys-who = Who it is for
staff-surveys-start-from = Start from
staff-surveys-no-questions = No questions yet
staff-surveys-questions-of = The questions of { $survey }
staff-surveys-make-button = Make the survey

# Staff: survey translation and definition pages (routes/staff/survey_texts.rs)
staff-texts-title = Translate survey
staff-texts-missing = { $missing } of { $total } texts have no translation yet and are shown in English. An empty box removes a translation.
staff-texts-outdated = { $count ->
    [one] 1 translation is outdated: its English changed after it was translated. Residents still see it: check it against the new English, correct it if needed, and save to mark it current. It is marked “outdated” below.
   *[other] { $count } translations are outdated: their English changed after they were translated. Residents still see them: check each against the new English, correct it if needed, and save to mark it current. They are marked “outdated” below.
}
staff-texts-status = Status of this translation
staff-texts-status-hint = Draft: written but not yet checked by a City translator. Reviewed: a City translator checked every text. Saving records that each translation matches today's English.
staff-texts-draft = Draft
staff-texts-reviewed = Reviewed by a City translator
staff-texts-save = Save the { $language } texts
staff-texts-outdated-mark = (outdated)
staff-definition-title = Survey definition
staff-definition-of = Definition of { $survey }
staff-definition-hint-start = The whole survey as JSON. A question can have
staff-definition-hint-show-if = (shown only when an earlier choice question has one of some values),
staff-definition-hint-variable = (the weighting variable it measures) and
staff-definition-hint-why = (why it is asked). The address and audience cannot change. It is checked before it is saved.
staff-definition-label = Definition (JSON)
staff-definition-save = Check and save

# Staff: a partner's interview notes uploads (routes/notes.rs)
staff-upload-lead = Upload notes from interviews with residents. Personal details (e-mail and street addresses, phone and long numbers, web links) are removed before anything is stored, and you see exactly what will be analysed before you confirm. The original file is not kept.
staff-upload-title = Upload notes
staff-upload-file-help = .txt, .md, .docx or .pdf, at most { $megabytes } MB; up to { $documents } documents per account.
staff-upload-community-help = For example: Vietnamese-speaking seniors in District 7.
staff-upload-role-help = For example: resident, parent, caseworker, small-business owner.
staff-upload-language = Language of the notes
staff-upload-choose = Choose…
staff-upload-button = Upload and preview
staff-upload-yours = Your uploads
staff-upload-none = Nothing uploaded yet.
staff-upload-pending = awaiting your confirmation
staff-upload-in-analysis = in analysis
staff-upload-back = ← Your uploads

# Staff: the 311 assistant, report categories (routes/staff/categories.rs)
staff-nav-categories = Report categories
staff-categories-title = Report categories
staff-categories-lead = A classifier learns the City's own categories from the reports that carry one, predicts a category for those without, flags reports whose category looks wrong, and routes each report to a department.
staff-categories-classifier = Classifier
staff-categories-untrained = The classifier has not been trained yet. Import reports with a category column, then train it.
staff-categories-summary = Trained { $at } by { $by } on { $labelled } reports with a category; { $reports } reports predicted. Judged by { $folds }-fold cross-validation on { $judged } reports it never saw in training.
staff-categories-command-line = the command line
staff-categories-accuracy = Accuracy
staff-categories-macro-f1 = Macro-F1 (every category counts the same)
staff-categories-flagged-count = Flagged for review
staff-categories-how = Logistic regression (linfa) on the analysis's TF-IDF features reduced by LSA. A report is flagged when the classifier is at least { $confidence } sure of another category than the one it was given.
staff-categories-too-rare = Too few reports to learn (they count as errors above): { $list }.
staff-categories-sentences-no-model = Features: TF-IDF only. No sentence model is configured (model_dir); with one, sentence vectors join the features (6 to 11 points more macro-F1 on the labelled test sets).
staff-categories-sentences-used = Features: TF-IDF and sentence vectors from { $model } ({ $encoded } texts encoded for this training, the rest from the embedding cache).
staff-categories-sentences-over-budget = Features: TF-IDF only. { $missing } reports have no cached sentence vector, more than the { $budget } a training encodes. A semantic theme run over the reports fills the cache; the next training then uses it.
staff-categories-sentences-failed = Features: TF-IDF only. The sentence model failed: { $problem }
staff-categories-per-category = Quality per category (cross-validated)
staff-categories-col-category = Category
staff-categories-col-reports = Reports
staff-categories-col-precision = Precision
staff-categories-col-recall = Recall
staff-categories-train-what = Training reads every report, takes a few seconds per 10,000 reports, and replaces every prediction.
staff-categories-train = Train the classifier
staff-categories-flagged = Flagged for review
staff-categories-flagged-none = No report is flagged: none has a category the classifier confidently disagrees with.
staff-categories-col-report = Report
staff-categories-col-given = Given category
staff-categories-col-predicted = Predicted
staff-categories-col-confidence = Confidence
staff-categories-col-text = Text
staff-categories-routing = Routing
staff-categories-routing-what = Each category goes to one department. A report without a category goes where its predicted category goes. Administrators change the routes; departments are kept on the Strategy page.
staff-categories-routing-none = No report has a category yet.
staff-categories-col-department = Department
staff-categories-no-department = Not routed
staff-categories-department-of = Department for { $category }
staff-categories-save-route = Save
staff-categories-across = Needs and categories
staff-categories-across-none = Nothing to compare yet: train the classifier after an analysis run that read the reports.
staff-categories-across-what = Themes come from what residents wrote; categories from how the City files reports. A theme spread over several categories is a need no single category shows; a category holding several themes files different needs together. "Spread" is the effective number of categories (or themes): 1 when all fall in one, 3 when spread evenly over three. Reports with a category and a theme in the run the classifier last read.
staff-categories-across-themes = Themes across categories, most spread first
staff-categories-across-categories = Categories across themes, most spread first
staff-categories-col-theme = Theme
staff-categories-col-effective = Spread
staff-categories-col-parts = Largest parts

staff-upload-check = Check before it is analysed
staff-upload-check-help = These passages are exactly what will be stored and analysed. Marked items were removed as personal details. If something personal is still visible, discard this upload, edit the file and upload it again.
staff-upload-confirm = Confirm: add to the analysis
staff-upload-delete = Delete this document
staff-upload-delete-help = Deleting removes its text from future analysis runs.
staff-upload-what = What will be analysed


## Paper forms: the printable survey (print-…) and assisted entry (staff-entry-…)
print-page-title = { $survey } (printable form)
print-link = Print this survey
print-how = To print this form, use your browser's Print command. Mark your answers with a pen.
print-answer-online = Answer online instead
print-respondent-code = Respondent code
print-respondent-code-help = For office use: leave this box empty.
print-instructions = Fill in one circle (○) where one answer is asked for, and every box (□) that applies where you may choose several. Write your answers on the lines. You may leave out any question not marked required.
print-choose-one = Choose one.
print-choose-any = Choose all that apply.
print-write-in = Write your answer on the lines.
print-number = Write a whole number from { $min } to { $max }.
print-zip = Write your 5-digit ZIP code.
print-thanks = Thank you. Please give this form back to the person or place that gave it to you.
print-online = You can also answer online: { $url }
print-version = Form version { $version }
staff-entry-enter = Enter paper, phone or in-person responses
staff-entry-index-title = Enter paper, phone and in-person responses
staff-entry-index-intro = Enter the answers of a paper form, a phone call or an interview exactly as the respondent gave them. They are checked as web answers are, and counted with how they were collected and by whom.
staff-entry-enter-for = Enter a response to { $survey }
staff-entry-print-in = Printable form in:
staff-entry-title = Enter a response: { $survey }
staff-entry-intro = Choose how the answers were collected, copy the respondent code from the paper form if it has one, then enter the answers as given. Each question shows the code printed beside it on the paper form.
staff-entry-print = Printable form in this language
staff-entry-all-surveys = All surveys
staff-entry-language = Language of the answers
staff-entry-language-help = The language the respondent answered in; the questions below are shown in it.
staff-entry-language-show = Show the questions in this language
staff-entry-problems = There is a problem with this entry
staff-entry-mode = How were these answers collected?
staff-entry-mode-web = Web (the resident's own)
staff-entry-mode-paper = Paper form
staff-entry-mode-phone = Phone
staff-entry-mode-in_person = In person
staff-entry-code = Respondent code on the paper form
staff-entry-code-help = As written in the box at the top of the form: letters, digits and dashes. Leave it empty if there is none. A code can be entered once per survey.
staff-entry-answers = Answers
staff-entry-submit = Save this response
staff-entry-saved = Response { $id } saved ({ $mode }). The form is ready for the next one.
staff-entry-closed = This survey is not open: responses cannot be entered.
staff-entry-entered = Responses entered
staff-entry-none-yet = None yet.
staff-entry-col-response = Response
staff-entry-col-mode = Collected
staff-entry-col-code = Respondent code
staff-entry-col-language = Language
staff-entry-col-by = Entered by
staff-entry-col-at = When (UTC)
staff-entry-signed-in = Signed in as { $name }
staff-entry-home = Your start page
staff-entry-error-mode = Choose how the answers were collected: paper form, phone or in person.
staff-entry-error-code-characters = The respondent code may hold only letters, digits and dashes (like A-1042).
staff-entry-error-code-long = The respondent code is too long: at most { $max } characters.
staff-entry-error-code-taken = Respondent code { $code } has already been entered for this survey (response { $id }). Nothing was saved: if this is a second copy of the same form, set it aside; if the code was misread, correct it.

## Partner notes: the interview-notes upload pages (/notes, /notes/{id}) and their server messages, in every language
notes-title = Interview notes
notes-lead = Upload notes from interviews with residents. Personal details (e-mail and street addresses, phone and long numbers, web links) are removed before anything is stored, and you see exactly what will be analysed before you confirm. The original file is not kept.
notes-upload-heading = Upload notes
notes-file = File
notes-file-help = Accepted: .txt, .md, .docx or .pdf, at most { $megabytes } MB; up to { $documents } documents per account.
notes-organization = Organization
notes-organization-fixed = Organization:
notes-community = Community
notes-community-served = Community served
notes-community-help = For example: Vietnamese-speaking seniors in District 7.
notes-interview = Interview
notes-interview-date = Interview date
notes-role = Interviewee's role
notes-role-help = For example: resident, parent, caseworker, small-business owner.
notes-language = Language of the notes
notes-language-short = Language
notes-choose = Choose…
notes-upload-button = Upload and preview
notes-yours = Your uploads
notes-none = Nothing uploaded yet.
notes-passages = Passages
notes-status = Status
notes-status-pending = awaiting your confirmation
notes-status-confirmed = in analysis
notes-redacted = Redacted
notes-uploaded = Uploaded
notes-uploaded-by = Uploaded by
notes-removed = Removed: personal detail
notes-back = ← Your uploads
notes-check-title = Check before it is analysed
notes-check-lead = These passages are exactly what will be stored and analysed. Marked items were removed as personal details. If something personal is still visible, discard this upload, edit the file and upload it again.
notes-confirm = Confirm: add to the analysis
notes-discard = Discard
notes-delete = Delete this document
notes-delete-hint = Deleting removes its text from future analysis runs.
notes-will-analyse = What will be analysed
notes-field-organization = the organization
notes-field-community = the community served
notes-field-role = the interviewee's role
notes-error-missing = Fill in { $field }.
notes-error-too-long = Shorten { $field } to at most { $max } characters.
notes-error-date-missing = Fill in the interview date.
notes-error-date-invalid = “{ $value }” is not a date: use YYYY-MM-DD, for example 2026-03-14.
notes-error-date-future = The interview date is in the future.
notes-error-language = Choose the language the notes are written in.
notes-choose-file-again = Choose the file again: browsers do not keep it after a problem.
notes-error-no-file = Choose a file to upload: .txt, .md, .docx or .pdf.
notes-error-format = “{ $file }” is not a .txt, .md, .docx or .pdf file. Save it in one of those formats.
notes-error-too-many = You already have { $count } documents, the most one account may hold ({ $max }). Delete some you no longer need first.
notes-error-unreadable = “{ $file }” could not be read: { $problem }.
notes-error-too-large = The file is larger than { $megabytes } MB, the most one upload may be. Split it into several files.
notes-error-interrupted = The upload was interrupted: try again.
notes-error-not-upload = Send the form as a file upload.
notes-read = Read { $count } passages from “{ $file }”. Check what will be analysed below, then confirm or discard it.
notes-error-no-such = There is no such document among your uploads.
notes-confirmed = Confirmed: the { $count } passages of “{ $file }” will be in the next analysis run.
notes-error-already-confirmed = This document was already confirmed.
notes-deleted = Deleted “{ $file }”: its text is gone and will not be in future analysis runs.
notes-discarded = Discarded “{ $file }”: nothing of it was kept.
