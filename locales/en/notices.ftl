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
    Usage: /sendnow notice-id
    Sends the reminder of that notice's next occurrence now. Notice ids: { $ids }
notices-sendnow-unknown = There is no notice with the id "{ $id }". Notice ids: { $ids }
notices-sendnow-no-occurrence = "{ $title }" has no upcoming occurrence, so there is no reminder to send.
notices-sendnow-no-bulletin = "{ $title }" has no bulletin issue to publish yet (add one in data/bulletins/ first).
notices-bulletin-missing = ⚠️ The next “{ $title }” is due { $date }, but data/bulletins/ holds no new issue, so nothing will be sent. Add { $file } (laid out like the existing issues) and restart the bot.
notices-sendnow-queued = ✅ Sending the reminder of "{ $title }" ({ $date }) to { $count } subscribers. The scheduled reminder will not be sent again.
notices-sendnow-resend = ⚠️ This reminder was already sent; sending "{ $title }" ({ $date }) again now, as you asked, to { $count } subscribers.
notices-sendnow-repeat-issue = ⚠️ "{ $title }" has no new issue yet; sending the current issue again now, as you asked, to { $count } subscribers. The scheduled publication on { $date } is kept: add a new issue before then and it goes out as planned.

broadcast-usage =
    Usage: /broadcast [to=compound,…] [at=YYYY-MM-DD HH:MM] text of the notice
    The text may have several lines. You will see a preview first; nothing is sent until you tap "Confirm".
broadcast-too-long = The notice is too long ({ $length } characters, at most { $max }). Please shorten it and send it again.
broadcast-preview = 👀 <b>Preview</b>: this notice will go to { $count } subscribers. Send it?
broadcast-confirm = ✅ Confirm
broadcast-cancel = ✖️ Cancel
broadcast-sending = 📤 Confirmed, sending to { $count } subscribers…
broadcast-cancelled = ✖️ Cancelled; this notice was not sent.
broadcast-expired = This draft has expired, send /broadcast again.
broadcast-not-yours = Only the staff member who wrote this notice can confirm or cancel it.
broadcast-already-sent = This notice has already been confirmed.

stats-title = 📊 <b>Subscribers and deliveries</b>
stats-subscribers = 👥 Subscribers: { $total } ({ $private } private, { $groups } groups)
stats-inactive = 🚫 Unreachable (blocked the bot or removed it): { $inactive }
stats-unsubscribed = 💤 Unsubscribed: { $unsubscribed }
stats-broadcasts-title = <b>Last deliveries</b>
stats-broadcasts-none = Nothing has been sent yet.
stats-broadcast-line =
    { $date } · { $label } · { $status }
       { $total } in all: ✅ { $sent } sent · ❌ { $failed } failed · 🚫 { $blocked } blocked · ⏳ { $pending } pending
stats-kind-notice = Notice reminder
stats-kind-adhoc = Announcement
stats-kind-personal = Personal reminder
stats-kind-report = Report
stats-status-sending = sending
stats-status-done = done
