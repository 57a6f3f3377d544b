# /move and /skip: move or cancel one date of a notice; per-compound figures in /stats and /export
moveskip-usage-move = Usage: <code>/move notice-id from-date to-date [HH:MM]</code>, e.g. <code>/move cleanup-day 2026-11-28 2026-11-29 08:30</code>. Ids: { $ids }
moveskip-usage-skip = Usage: <code>/skip notice-id date [reason]</code>, e.g. <code>/skip cleanup-day 2026-11-28 rain</code>. Ids: { $ids }
moveskip-unknown-notice = There is no notice or event “{ $name }”. Ids: { $ids }
moveskip-bad-date = “{ $value }” is not a date: write it as YYYY-MM-DD, e.g. 2026-11-29.
moveskip-bad-time = “{ $value }” is not a time: write it as HH:MM, e.g. 08:30.
moveskip-not-a-date = “{ $title }” has no date on { $date }. Next dates: { $dates }
moveskip-no-dates = none
moveskip-past = “{ $title }” on { $date } has already started or is over; it cannot be changed.
moveskip-to-past = The new time, { $when }, is in the past: choose a date and time ahead.
moveskip-same = The new date is the same as the old one ({ $date }): nothing to move.
moveskip-taken = “{ $title }” already has (or had) a date on { $date }: choose another day.
moveskip-move-preview =
    📅 <b>Move “{ $title }” (preview)</b>
    From: { $from }
    To: { $to }
    { $people ->
        [0] Nobody has signed up yet.
        [one] The one person signed up (waitlist included) will be told in their language; their place is kept.
       *[other] The { $people } people signed up (waitlist included) will be told, each in their language; places are kept.
    }
    The old date's reminders will not be sent; the new date's will.
moveskip-skip-preview =
    🚫 <b>Cancel “{ $title }” on { $date } (preview)</b>
    Reason: { $reason }
    No reminders for that day. { $people ->
        [0] Nobody has signed up.
        [one] The one person signed up (waitlist included) will be told.
       *[other] The { $people } people signed up (waitlist included) will be told.
    }
moveskip-no-reason = not given
moveskip-confirm = ✅ Confirm
moveskip-cancel = ✖️ Cancel
moveskip-cancelled = Cancelled; nothing was changed.
moveskip-expired = This preview is no longer known (a day has passed): please send the command again.
moveskip-not-yours = Only the staff member who asked for this change can confirm it.
moveskip-already = This change has been made already.
moveskip-moved = ✅ Moved: “{ $title }” from { $from } to { $to }. { $people ->
        [one] One person told.
       *[other] { $people } people told.
    }
moveskip-skipped = ✅ Cancelled: “{ $title }” on { $date }. { $people ->
        [one] One person told.
       *[other] { $people } people told.
    }
moveskip-told-move = 📅 <b>Date changed</b>: “{ $title }”, which you signed up for on { $from }, is now on <b>{ $to }</b>. Your sign-up and your place are kept; if you cannot come, press “Can't make it” under the reminder.
moveskip-told-skip = 🚫 <b>Cancelled</b>: “{ $title }” on { $date } will not take place. Reason: { $reason }. See you next time!
moveskip-prompt-move = To move a date of “{ $title }”, send: <code>/move { $id } from-date to-date [HH:MM]</code>. Next dates: { $dates }
moveskip-prompt-skip = To cancel one date of “{ $title }”, send: <code>/skip { $id } date [reason]</code>. Next dates: { $dates }
moveskip-stats-compounds = 🏘 <b>By compound</b> (subscribed residents · sign-ups)
moveskip-stats-compound-line = { $name }: { $subscribers } subscribed · { $signups } signed up
moveskip-stats-none-chosen = no compound chosen
export-col-compound = Compound
