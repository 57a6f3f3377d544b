stats-title = 📊 <b>Subscribers and deliveries</b>
stats-subscribers = 👥 Subscribers: { $total } ({ $private } private { $private ->
        [one] chat
       *[other] chats
    }, { $groups } { $groups ->
        [one] group
       *[other] groups
    })
stats-inactive = 🚫 Unreachable (blocked the bot or removed it): { $inactive }
stats-unsubscribed = 💤 Unsubscribed: { $unsubscribed }
stats-broadcasts-title = <b>Last deliveries</b>
stats-broadcasts-none = Nothing has been sent yet.
stats-broadcast-line =
    { $date } · { $label } · { $status }
       { $total ->
        [one] 1 recipient
       *[other] { $total } recipients
    }: ✅ { $sent } sent · ❌ { $failed } failed · 🚫 { $blocked } blocked · ⏳ { $pending } pending
stats-kind-notice = Notice reminder
stats-kind-adhoc = Announcement
stats-kind-personal = Personal reminder
stats-kind-report = Report
stats-status-sending = sending
stats-status-done = done
stats-notice-on = “{ $title }” ({ $date })
stats-sent-now = , sent now
stats-sent-by = , sent by { $name }
