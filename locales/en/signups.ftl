signup-joined = ✅ Signed up for { $title }, { $date } — you are number { $position }{ $headcount ->
    [1] {""}
   *[other] {" "}({ $headcount } people)
}.
signup-waitlisted = ⏳ { $title }, { $date } is full, so you are on the waitlist — number { $position }. You will be told at once if a place frees up.
signup-already = You are already signed up for { $title }, { $date } — number { $position }{ $headcount ->
    [1] {""}
   *[other] {" "}({ $headcount } people)
}.
signup-already-waiting = You are already on the waitlist for { $title }, { $date } — number { $position }.
signup-headcount-changed = ✅ Your sign-up for { $title }, { $date } is now for { $headcount ->
        [one] 1 person
       *[other] { $headcount } people
    } — number { $position }.
signup-headcount-changed-waiting = ✅ Your sign-up for { $title }, { $date } is now for { $headcount ->
        [one] 1 person
       *[other] { $headcount } people
    } — waitlist number { $position }.
signup-closed = Sorry, sign-ups for { $title }, { $date } are closed.
signup-started = { $title }, { $date } has already started: sign-ups can no longer be changed.
signup-too-many-party = Sorry, one sign-up can be for at most { $max } people, you included. Reply "join N people" with the number.
signup-too-many-capacity = Sorry, there are only { $max ->
        [one] 1 place
       *[other] { $max } places
    } in all. Reply "join N people" with the number.
signup-too-many-places = Sorry, not enough places are left: your sign-up can be for at most { $max ->
        [one] 1 person
       *[other] { $max } people
    } (yours included). Reply "join N people" with the number.
signup-full = Sorry, it is full: you cannot add people.
signup-cancelled = Your sign-up for { $title }, { $date } is cancelled. See you next time!
signup-cancelled-waiting = You left the waitlist for { $title }, { $date }.
signup-not-signed-up = You are not signed up for { $title }, { $date }.
signup-invalid = This button no longer works. Please use the latest reminder.
signup-promoted = 🎉 A place freed up: you are now signed up for { $title }, { $date } — number { $position }. If you cannot come, press "Can't make it" on the reminder or reply "cancel".
signup-choose-join = Which one would you like to join?
signup-choose-cancel = Which sign-up would you like to cancel?
signup-choice-join = Join { $title } { $date }
signup-choice-cancel = Cancel { $title } { $date }
signup-nothing-to-cancel = You have no sign-ups to cancel.
signup-my-title = <b>My sign-ups</b>
signup-my-none = No upcoming sign-ups. Press "I'll join" on a reminder to take part.
signup-my-item = • { $title }, { $date } — number { $position }{ $headcount ->
    [1] {""}
   *[other] {" "}({ $headcount } people)
}
signup-my-item-waiting = • { $title }, { $date } — waitlist number { $position }{ $headcount ->
    [1] {""}
   *[other] {" "}({ $headcount } people)
}
signup-my-participation = <b>My participation</b>: attended { $occurrences ->
        [0] no event yet
        [one] once
        [2] twice
       *[other] { $occurrences } times
    }, { $personTimes ->
        [one] 1 person-time
       *[other] { $personTimes } person-times
    } in all (as recorded by staff).
signup-private-only = The list holds residents' personal details: please use this command in a private chat with me.
signup-list-usage = Usage: /signups notice-id-or-name [date YYYY-MM-DD] (e.g. /signups pest control). Notices that take sign-ups: { $ids }
signup-unknown-notice = No notice "{ $id }" takes sign-ups. Notices that do: { $ids }
signup-no-occurrence = { $id } has no occurrence on { $date }.
signup-list-title = <b>{ $title }, { $date }</b>
signup-list-counts = { $confirmed ->
        [one] 1 sign-up
       *[other] { $confirmed } sign-ups
    }, { $heads ->
        [one] 1 person
       *[other] { $heads } people
    }{ $capacity ->
        [none] {""}
       *[other] {" "}(capacity { $capacity })
    }; { $waiting } waiting; { $attended } attended.
signup-list-confirmed = <b>Signed up</b>
signup-list-waitlist = <b>Waitlist</b>
signup-list-walkins = <b>Attended without signing up</b>
signup-list-empty = Nobody has signed up yet.
signup-list-more = The list is long: buttons cover the first { $shown ->
        [one] person
       *[other] { $shown } people
    }; mark the others with /attended.
signup-list-hint = Press the buttons below to mark attendance (✅ attended).
signup-list-more-upcoming = The list is long: only the first { $shown ->
        [one] person is
       *[other] { $shown } people are
    } shown; /export has them all.
signup-list-not-started = ⏳ Attendance can be marked once it has started: send /signups again then. For a date that has started: /signups { $id } YYYY-MM-DD
signup-attended-usage = Usage: /attended notice-id-or-name [date YYYY-MM-DD] user-id… (ids are on the /signups list), or +N for N people counted at the door (companions and walk-ins; a new +N replaces the last)
signup-attended-done = ✅ { $title }, { $date }: { $count } newly marked as attended ({ $total } attended in all).
signup-attendance-on = ✅ Marked as attended
signup-attendance-off = Attendance mark removed
signup-attendance-not-started = ⏳ { $title } starts { $date }; mark attendance once it has started.
signup-party-usage = Usage: /party user-id on|off — whether a volunteer is a Party member (counted in "Party member participation").
signup-party-unknown = Unknown user { $id }: they need to have talked to me first (/start or a sign-up).
signup-party-on = ✅ User { $id } is marked as a Party member.
signup-party-off = ✅ User { $id } is no longer marked as a Party member.
signup-export-caption = { $file }: { $rows ->
        [one] 1 row
       *[other] { $rows } rows
    } (UTF-8, opens in Excel)
signup-personal-reminder = ⏰ Reminder: <b>{ $title }</b>, which you signed up for, starts { $date }.
signup-personal-reminder-place = 📍 Place: { $place }
signup-personal-reminder-footer = If you cannot come, send /my, or press "Can't make it" on the reminder.
