# The awareness survey (/survey)
campaign-source-survey = survey
survey-usage = Usage: /survey sends the awareness survey; /survey results shows the results; /survey close ends the round.
survey-none = There is no questionnaire (data/survey.json is missing).
survey-round-open = Survey round { $round } is open (since { $date }, { $completed ->
        [one] 1 person has
       *[other] { $completed } people have
    } finished). To start a new round, first end this one with /survey close.
survey-no-recipients = There are no private subscribers yet: nobody to send the survey to.
survey-preview =
    📝 The civilized-city awareness survey (round { $round }) goes to { $count ->
        [one] 1 private subscriber
       *[other] { $count } private subscribers
    }.
    { $questions ->
        [one] 1 question
       *[other] { $questions } questions
    }, sent as non-anonymous Telegram polls, one at a time: the next appears once one is answered. Each finished form counts at once in "Awareness surveys" and "Campaign awareness rate".
    
    { $list }
    
    Send it?
survey-confirm = ✅ Send
survey-confirmed = 📤 Confirmed: sending
survey-cancel = Cancel
survey-cancelled = Cancelled; the survey was not sent.
survey-expired = This preview has expired; send /survey again.
survey-not-yours = Only the staff member who started it can confirm.
survey-already = Already done.
survey-round-opened = Another survey round has started meanwhile, so this preview is not sent. /survey results shows the results.
survey-sending = 📤 Survey round { $round } is going to { $count ->
        [one] 1 subscriber
       *[other] { $count } subscribers
    }; the next message shows the progress. Send /survey results for the results.
survey-thanks = 🙏 Thank you, the survey is complete. You can change an answer in its poll; the count follows.
survey-uncounted = You took back an answer, so this form does not count for now; it counts again once you choose.
survey-closed-answer = This survey round has ended; new answers no longer count. Thank you!
survey-close-none = No survey round is open.
survey-close-done = Survey round { $round } has ended: { $completed ->
        [one] 1 person
       *[other] { $completed } people
    } finished, awareness { $rate }. Later answers no longer count.
survey-results-title = 📊 <b>Awareness survey results</b>
survey-results-none = No survey has been sent yet. Send /survey to start the first round.
survey-results-round = <b>Round { $round }</b> (since { $date }, { $open ->
        [yes] open
       *[no] ended
    })
survey-results-line = { $recipients } sent, { $respondents } answered, { $completed } finished (completion { $completion }), { $aware } aware, awareness rate { $rate }
survey-results-all = <b>All rounds</b>
survey-results-by-compound = <b>By compound</b>
survey-results-compound-line = · { $name }: { $completed } finished, awareness { $rate }
survey-compound-none = no compound chosen
survey-results-seed =
    { $diff ->
        [higher] { $points } points above the year summary's { $seed } (paper forms).
        [lower] { $points } points below the year summary's { $seed } (paper forms).
       *[same] The same as the year summary's { $seed } (paper forms).
    }
survey-results-privacy = Individual answers are never shown; only totals.
survey-rate-none = —
