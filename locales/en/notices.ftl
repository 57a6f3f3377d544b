# Notice reminders, /next, /sendnow, /broadcast, /stats

notices-reminder-title = ⏰ <b>{ $title }</b>
notices-reminder-date = 🗓 { $date }
notices-reminder-place = 📍 { $place }

notices-next-title = 📅 <b>Next date of every notice</b>
notices-next-line =
    • <b>{ $title }</b>
      { $date }
notices-next-line-place =
    • <b>{ $title }</b>
      { $date }, { $place }
notices-next-none = • <b>{ $title }</b>: nothing scheduled
notices-next-empty = Nothing is scheduled at the moment.
notices-next-footer = All times are community local time ({ $tz }).

notices-sendnow-usage =
    Usage: /sendnow notice-id-or-name (e.g. /sendnow pest control)
    Sends the reminder of that notice's next occurrence now. Notices: { $ids }
notices-sendnow-unknown = There is no notice called "{ $id }". Notices: { $ids }
notices-sendnow-no-occurrence = "{ $title }" has no upcoming occurrence, so there is no reminder to send.
notices-sendnow-no-bulletin = "{ $title }" has no bulletin issue to publish yet (publish one with /bulletin first).
notices-bulletin-missing = ⚠️ The next “{ $title }” is due { $date }, but no new issue has been published, so nothing will be sent. Publish it here: <code>/bulletin { $month } Title</code> with the text on the following lines, or send a photo or a PDF captioned <code>/bulletin { $month } Title</code>. You will see a preview first.
notices-sendnow-queued = ✅ Sending the reminder of "{ $title }" ({ $date }) to { $count ->
        [one] 1 subscriber
       *[other] { $count } subscribers
    }. The scheduled reminder will not be sent again.
notices-sendnow-resend = ⚠️ This reminder was already sent; sending "{ $title }" ({ $date }) again now, as you asked, to { $count ->
        [one] 1 subscriber
       *[other] { $count } subscribers
    }.
notices-sendnow-repeat-issue = ⚠️ "{ $title }" has no new issue yet; sending the current issue again now, as you asked, to { $count ->
        [one] 1 subscriber
       *[other] { $count } subscribers
    }. The scheduled publication on { $date } is kept: add a new issue before then and it goes out as planned.

broadcast-usage =
    Usage: /broadcast [to=compound,…] [at=YYYY-MM-DD HH:MM] text of the notice
    The text may have several lines. You will see a preview first; nothing is sent until you tap "Confirm".
broadcast-too-long = The notice is too long ({ $length } characters, at most { $max }). Please shorten it and send it again.
broadcast-preview = 👀 <b>Preview</b>: this notice will go to { $count ->
        [one] 1 subscriber
       *[other] { $count } subscribers
    }. Send it?
broadcast-confirm = ✅ Confirm
broadcast-cancel = ✖️ Cancel
broadcast-sending = 📤 Confirmed, sending to { $count ->
        [one] 1 subscriber
       *[other] { $count } subscribers
    }…
broadcast-cancelled = ✖️ Cancelled; this notice was not sent.
broadcast-nobody = 📭 No one would get this notice now: there are no subscribers yet. Nothing was sent.
broadcast-to-nobody = 📭 No one would get this notice now: no resident or group of “{ $names }” has subscribed yet. Nothing was sent. (With at=…, it can still be kept for later.)
broadcast-expired = This draft has expired, send /broadcast again.
broadcast-not-yours = Only the staff member who wrote this notice can confirm or cancel it.
broadcast-already-sent = This notice has already been confirmed.

