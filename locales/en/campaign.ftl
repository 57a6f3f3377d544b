# Civilized-city campaign: progress, records, questions
campaign-progress-title = Civilized-city campaign · { $since ->
        [yes] progress since { $year }
       *[no] { $year } progress
    }
campaign-progress-footer = { $met } of { $total } targets met. Details of one: /progress name, e.g. /progress awareness
campaign-group-environment = 🧹 Environment
campaign-group-volunteers = 🙋 Party members and volunteers
campaign-group-enforcement = 🚧 Enforcement
campaign-group-awareness = 📣 Publicity and awareness
campaign-amount = { $n ->
    [one] { $value } { $unitOne }
   *[other] { $value } { $unit }
}
campaign-unit-per-week = { $unit }/week
campaign-unit-per-month = { $unit }/month
campaign-metric-line = { $name }: { $value } / target { $target }
campaign-target = target
campaign-met = met
campaign-detail-average = Average per period { $average } ({ $periods ->
    [one] 1 period
   *[other] { $periods } periods
} with records)
campaign-detail-surveys = { $surveyed ->
    [one] 1 form surveyed
   *[other] { $surveyed } forms surveyed
}, { $aware } aware
campaign-detail-history = By month
campaign-detail-no-history = No records in the last 12 months.
campaign-detail-recent = Latest records
campaign-detail-no-records = No records yet.
campaign-survey-batch = { $aware }/{ $surveyed } aware
campaign-source-seed = year summary
campaign-source-staff = staff
campaign-source-attendance = attendance
campaign-period-this-month = this month
campaign-period-last-month = last month
campaign-period-this-week = this week
campaign-period-none = no count yet
campaign-period-last-week = last week
campaign-period-week-of = week of { $date }
campaign-period-this-year = this year
campaign-answer-sum = { $name }: { $value } so far, target { $target } ({ $percent }%){ $met ->
    [yes] , target met ✅
   *[no] .
}
campaign-answer-rate = { $name }: { $value } ({ $aware } aware of { $surveyed } surveyed), target { $target }{ $met ->
    [yes] , target met ✅
   *[no] .
}
campaign-answer-rate-none = { $name }: no surveys recorded yet, target { $target }.
campaign-answer-per-period = { $name } ({ $period }): { $value }, average per period { $average }, target { $target } ({ $percent }%){ $met ->
    [yes] , target met ✅
   *[no] .
}
campaign-answer-in-period = { $name } ({ $period }): { $value }
campaign-record-ok = Recorded: { $name } +{ $value }. Send /undo to take it back.
campaign-record-ok-survey = Recorded a batch of awareness surveys: { $surveyed ->
    [one] 1 form
   *[other] { $surveyed } forms
}, { $aware } aware. Send /undo to take it back.
campaign-record-usage = Usage: /record metric amount [note], e.g. /record garbage 12 truckloads Gaofeng Lane; surveys: /record awareness_surveys 200 aware=190
campaign-target-usage = Usage: /target metric value, e.g. /target garbage 400
campaign-target-ok = Target of “{ $name }” set to { $target }.
campaign-error-unknown-metric = I don't know that metric.
campaign-error-bad-amount = I can't read that amount. Write a number such as 12, 4.5万 or 1,200; for awareness write 200 aware=190.
campaign-error-bad-unit = Wrong unit: this metric is counted in { $unit }.
campaign-error-missing-args = The metric or the amount is missing.
campaign-error-negative = The amount can't be negative; use /undo to take back a wrong record.
campaign-error-too-large = That amount is too large; please check for extra zeros.
campaign-error-aware-too-many = The aware count can't be more than the forms surveyed, e.g. /record awareness_surveys 200 aware=190.
campaign-error-not-whole = “{ $name }” is counted in whole { $unit }; { $value } is not a whole number.
campaign-error-rate-as-fraction = Write the target of “{ $name }” as a percentage, e.g. 95 or 95% ({ $value } would mean { $value } %).
campaign-error-suggestions = Did you mean: { $suggestions }
campaign-undo-ok = Taken back: { $name } { $value }.
campaign-undo-none = There is no record to take back.
campaign-error-units = Units you can use: { $units }
campaign-error-see-list = Send /progress to see every metric.
campaign-progress-usage = Usage: /progress [metric], e.g. /progress garbage
campaign-record-note = Note: { $note }
campaign-chart-title = Civilized-city campaign · { $since ->
        [yes] percent of target since { $year }
       *[no] { $year } percent of target
    }
campaign-chart-caption = Each metric's percent of its target (dashed line: the target)
campaign-next-unknown = I can't find the dates right now; send /next to see them.
campaign-report-title = 📊 Campaign monthly report · { $month }
campaign-report-moved-title = Last month
campaign-report-moved-line = { $name }: { $value } ({ $count ->
    [one] 1 record
   *[other] { $count } records
})
campaign-report-moved-rate = awareness { $value } ({ $aware }/{ $surveyed } aware)
campaign-report-nothing-moved = No progress was recorded last month.
campaign-report-behind-title = Behind target ({ $count })
campaign-report-behind-line = { $name }: { $value } / target { $target } ({ $percent }%)
campaign-report-all-met = Every target is met ✅
campaign-name-period = { $name } ({ $period })
campaign-overview-line = { $name }: { $figure }
campaign-overview-rate = { $value } (target { $target })
campaign-rate-gap = { $gap ->
    [one] 1 point short of the target
   *[other] { $gap } points short of the target
}
campaign-detail-pending = { $period }: { $marked ->
    [one] 1 person marked as attended
   *[other] { $marked } people marked as attended
}; the head count is not in yet, so it does not count (staff: /attended notice-id date +people at the door).
campaign-walkins-done = ✅ { $title }, { $date }: { $count ->
    [one] 1 more person
   *[other] { $count } more people
} at the door{ $previous ->
    [0] {""}
   *[other] {" "}(replacing the { $previous } entered before)
}; with the { $marked } marked as attended, { $total ->
    [one] 1 person
   *[other] { $total } people
} in all, counted as participants.
campaign-walkins-no-figure = Attendance at { $title } feeds no campaign figure; nothing was recorded.
campaign-greeting = Hello! I'm the community notice bot: I remind you of the cleanup day, pest control, the health bulletin and the citizen-school lectures, and I answer questions about the campaign's figures.
campaign-help-examples = You can ask, for example: “What is the awareness rate?”, “How many truckloads of garbage were cleared?”, “Did we reach the awareness target?”, “When is the next cleanup day?”. All progress: /progress; dates: /next; everything I can do: /help.
campaign-not-understood = I can't answer that one yet.
campaign-thanks = You're welcome! Ask me any time.
campaign-answer-yes = ✅ Yes, the target is met.
campaign-answer-no = Not yet: { $gap } to go.
campaign-answer-no-data = Not yet: there are no figures so far.
campaign-points = { $n ->
    [one] 1 percentage point
   *[other] { $n } percentage points
}
campaign-how-to-sign-up =
    🙋 <b>How to sign up</b>
    Every reminder that takes sign-ups has an “报名 / I'll join” button: press it and you are on the list. You can also reply “join” to the reminder, or “join 3” when you bring two others.
    Can't make it after all? Press “取消 / Can't make it”, or reply “can't come”. When an event is full you go on the waiting list, and you are told when a place frees up.
    Your sign-ups: /my
    📅 <b>Coming up</b>
