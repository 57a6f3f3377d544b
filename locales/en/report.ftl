# The work report (/report)
report-title = { $community }: civilized-city campaign work report, { $period }
report-period-year = { $year }
report-period-month = { $month ->
        [1] January
        [2] February
        [3] March
        [4] April
        [5] May
        [6] June
        [7] July
        [8] August
        [9] September
        [10] October
        [11] November
       *[12] December
    } { $year }
report-intro = In { $period }, { $community } worked for the national civilized-city campaign: clean-ups, volunteer service, publicity and education. This report sums up the work.
report-empty = Nothing was recorded in { $period }: no event, no progress, no survey answer. The sections below are empty.
report-section-events = Events held and attendance
report-events-none = No event was held in this period.
report-events-summary = { $count ->
        [one] 1 event
       *[other] { $count } events
    } held, { $signedUp } sign-ups (person-times), { $attended } attended.
report-event-line = { $month }/{ $day } { $title }: { $signedUp } signed up, { $attended } attended.
report-section-volunteers = Volunteer service and party members
report-volunteers = Volunteers attended { $personTimes } person-times ({ $people ->
        [one] 1 person
       *[other] { $people } people
    }).
report-party = Party member participation: { $change } in this period, { $total } in all, target { $target } ({ $percent }%).
report-section-figures = Campaign figures
report-figures-intro = Each figure in { $period }: the period's change, the total, the target and how far it has come.
report-col-metric = Figure
report-col-change = This period
report-col-total = Total
report-col-target = Target
report-col-percent = Reached
report-section-survey = Awareness survey
report-survey-none = No online survey was run in this period.
report-survey-summary = { $rounds ->
        [one] 1 survey round
       *[other] { $rounds } survey rounds
    }: { $recipients } sent, { $respondents } answered, { $completed } finished (completion { $completion }), awareness rate { $rate }.
report-survey-compound = { $name }: { $completed } finished, awareness { $rate }.
report-survey-seed =
    { $diff ->
        [higher] { $points } points above the year's paper survey ({ $seed }).
        [lower] { $points } points below the year's paper survey ({ $seed }).
       *[same] The same as the year's paper survey ({ $seed }).
    }
report-section-behind = Behind target
report-behind-none = Every figure has reached its target.
report-behind-line = { $name }: { $total } of { $target } ({ $percent }%).
report-section-chart = Progress chart
report-chart-alt = Percent of target reached, per figure
report-usage = Usage: /report [YYYY-MM | YYYY], e.g. /report 2026-11 or /report 2026; without one, this year.
report-bad-period = “{ $arg }” is not a month or a year. Write it as 2026-11 or 2026.
report-working = Preparing the report for { $period }…
report-caption = 📄 { $title }
report-summary =
    📄 <b>{ $title }</b>
    { $events ->
        [one] 1 event
       *[other] { $events } events
    }, { $attended } attended; { $moved } figures moved; { $behind } behind target. { $survey }
report-summary-survey = Survey: { $completed } finished, awareness { $rate }.
report-summary-empty = 📄 <b>{ $title }</b>
    Nothing was recorded in { $period }; the document says so.
report-file = report-{ $key }.docx
report-compound-none = Residents with no compound chosen
