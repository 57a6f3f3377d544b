events-none-waiting = ⏰ No notices are waiting to be sent later.
events-waiting-title = ⏰ <b>Notices waiting for their time</b>
events-waiting-item = { $id } · { $at } · { $to } · { $media }{ $text }
events-to-all = everyone
events-cancel-button = ✖️ Cancel { $id }
events-cancelled = { $id } cancelled; it will not be sent.
events-not-waiting = { $id } has been sent or cancelled already.

# one-off events (/event) and the notices' buttons in /events
event-error-usage =
    Write it as: /event 2026-06-05 08:30 World Environment Day ride place="Liuhe Road 40" cap=150 to=liudong at=2026-06-01 19:00
    (place=, cap=, to= and at= are optional; quote a place with spaces.) Or send /event alone and I will ask step by step.
event-error-twice = "{ $name }=" is given twice; give it once.
event-error-bad-date = I cannot read the date "{ $value }". Write it as 2026-06-05 (or, step by step, 6-5, 6月5日, tomorrow).
event-error-bad-time = I cannot read the time "{ $value }". Write it as 08:30 (24-hour).
event-error-past = That date and time have passed already; choose a later one.
event-error-title-empty = The event needs a title.
event-error-title-long = The title is too long: at most { $max } characters.
event-error-place-long = The place is too long: at most { $max } characters.
event-error-bad-cap = "{ $value }" is not a capacity: give a whole number from 1 to { $max }, or leave cap= out for no limit.
event-error-bad-at = I cannot read the time "{ $value }". Write it as at=2026-06-01 19:00 (community time).
event-error-at-past = The at= time has passed already; choose a later one.
event-error-at-after = The at= time is not before the event; announce it before it starts.
event-preview-title = 👀 <b>Preview</b>: a one-off event
event-line-title = 📌 { $title }
event-line-date = 🗓 { $date }
event-line-place = 📍 { $place }
event-line-cap = 👥 { $cap } places, then a waitlist
event-line-no-cap = 👥 no limit on places
event-line-to = 📣 announced to “{ $names }”: { $count ->
        [one] 1 subscriber
       *[other] { $count } subscribers
    }
event-line-all = 📣 announced to everyone: { $count ->
        [one] 1 subscriber
       *[other] { $count } subscribers
    }
event-line-at = ⏰ announced at { $at } (if the bot is down then, on start within 6 hours; later not at all, and you are told)
event-preview-ask = With Confirm it is announced with a sign-up button; reminders go the evening before at 19:00 and to each volunteer before the start.
event-default-text = Everyone is welcome: sign up with the button below.
event-confirmed = ✅ Event <b>{ $id }</b> created and announced to { $count ->
        [one] 1 subscriber
       *[other] { $count } subscribers
    }. /signups { $id } shows who signed up.
event-confirmed-at = ✅ Event <b>{ $id }</b> created; it will be announced at { $at }. Sign-ups are open from then.
event-confirm = ✅ Confirm
event-cancel = ✖️ Cancel
event-cancelled = Cancelled: no event was created.
event-expired = This preview is no longer known (a day has passed). Please send /event again.
event-not-yours = Only the staff member who wrote this event can confirm it.
event-already = This event has been created already.
event-steps-cancelled = Stopped; no event was created.
event-ask-date = 🗓 Which day? For example { $today }, 6-5, 6月5日, tomorrow. (/cancel stops)
event-ask-time = 🕗 What time does it start? e.g. 08:30
event-ask-title = 📌 The title?
event-ask-place = 📍 Where? (“-” for no place)
event-ask-cap = 👥 How many places? (a number; “-” for no limit)
event-ask-to = 📣 For which compounds? Names separated by commas, or “-” for everyone. ({ $list })
event-ask-at = 📣 When should it be announced? "-" for as soon as you confirm, or a day and a time, e.g. tomorrow 19:00 or 2026-12-10 19:00 (community time).

events-usage = /events lists the events and notices; /events export sends them as a JSON file.
events-events-title = 📅 <b>Upcoming one-off events</b>
events-no-events = (none; /event creates one)
events-recurring-title = 🔁 <b>Recurring notices</b>
events-notice-item = <b>{ $id }</b> · { $title } · { $when }{ $cap }{ $paused }
events-no-date = no coming date
events-cap = { " " }· { $cap } places
events-no-cap = { " " }· no limit
events-paused-mark = { " " }· ⏸ paused
events-open-button = ⚙️ { $id }
events-edit-text = ✏️ Text
events-edit-time = 🕗 Time
events-edit-place = 📍 Place
events-edit-cap = 👥 Capacity
events-pause = ⏸ Pause
events-resume = ▶️ Resume
events-back = ↩️ List
events-paused = { $id } paused: no reminders and no sign-ups until it is resumed.
events-resumed = { $id } resumed.
events-unknown = There is no notice or event “{ $id }”.
events-field-text = text
events-field-time = time
events-field-place = place
events-field-capacity = capacity
events-ask-value = Send the new { $field } of { $id } (now: { $current }). /cancel leaves it as it is.
events-edit-cancelled = Nothing changed.
events-text-too-long = The text is too long: at most { $max } characters.
events-changed = ✅ The { $field } of { $id } is now: { $value }
events-change-refused = Not changed: { $problem }
events-export-caption = The current notices ({ $count }), shaped like data/notices.json: keep it as a backup, or use it as the seed of a new store.
events-move-date = 📅 Move a date
events-skip-date = 🚫 Cancel a date
