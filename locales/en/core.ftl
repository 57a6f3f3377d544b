core-welcome =
    👋 Hello, { $name }! I am the <b>notice bot of { $community }</b>.
    
    I will remind you of:
    🧹 the monthly weekend cleanup day
    🐀 the monthly pest-control day
    📰 the health bulletin, every two months
    🎓 the citizen-school lecture, every month
    
    When a reminder arrives, tap "I'll join" or reply "join" to volunteer.
    You can also ask about the civilized-city campaign, e.g. "what is the awareness rate?"
    
    ✅ You are subscribed to community notices. Send /stop to unsubscribe at any time, /help for everything I can do.
core-welcome-group =
    👋 Hello everyone! I am the <b>notice bot of { $community }</b>. This group now receives community notices (cleanup days, pest control, health bulletins, citizen-school lectures).
    To sign up, reply "join" to a reminder or tap its button.
core-welcome-back = Welcome back, { $name }! You are subscribed to community notices again.
core-choose-lang = 请选择语言 / Choose your language:
core-lang-set = ✅ Language set to English.
core-help =
    <b>What I can do</b>
    /start — subscribe to community notices
    /next — the next date of every notice
    /progress — civilized-city campaign progress (add a metric for detail, e.g. /progress awareness)
    /my — my sign-ups and participation
    /bulletins — the health bulletin: past issues and the next one
    /home — choose my compound (in a group, staff bind it)
    /lang — switch language 中文 / English
    /stop — unsubscribe
    /forgetme — delete everything stored about me
    
    Or just ask: “what is the awareness rate?”, “how many truckloads of garbage were cleared?”, “did we reach the awareness target?”, “when is the next cleanup day?”
core-help-staff =
    
    <b>Staff commands</b>
    /record metric amount [note] — add progress (/undo takes back your last record)
    /target metric value — change a target
    /signups notice-id — who signed up
    /attended notice-id [date] user-id… — mark attendance; /attended cleanup-day 2026-11-28 +180 adds the people counted at the door
    /broadcast [to=compound,…] [at=YYYY-MM-DD HH:MM] text — a notice (to some compounds only, or later; a photo or file captioned /broadcast … sends a poster)
    /correct new text — as a reply to a broadcast's summary, corrects every delivered copy in place (within 48 h)
    /event YYYY-MM-DD HH:MM title [place=…] [cap=N] [to=compound,…] [at=YYYY-MM-DD HH:MM] — a one-off event with sign-ups (ids e1, e2, …); /event alone asks step by step
    /events — upcoming events and notices (change text, time, place, capacity; pause, resume), notices waiting for their time; /events export — the notices as JSON (a backup)
    /move notice-id from-date to-date [HH:MM] — move one date (sign-ups move with it; those signed up are told)
    /skip notice-id date [reason] — cancel one date (no reminders; those signed up are told why)
    /sendnow notice-id — send a notice's reminder now
    /bulletin [YYYY-MM] title + text on the next lines — publish the health bulletin (or a photo / PDF with that caption; preview, then confirm)
    /party user-id on|off — party-member flag (attendance counts as party participation)
    /stats — subscribers and deliveries (per compound too)
    /export — CSV export (with a compound column)
    /survey — send the awareness survey (/survey results for results, /survey close ends the round)
    /report [2026-11 | 2026] — the work report (Word document)
core-help-admin =
    /staff add|remove user-id — grant or take the staff role
core-stopped = Unsubscribed. You will not receive community notices any more. Send /start to subscribe again.
core-stop-group-admins = Only this group's admins or community staff can unsubscribe the whole group.
core-not-subscribed = You are not subscribed. Send /start to receive community notices.
core-forgotten = 🗑 Everything stored about you has been deleted (profile, subscription, { $signups } sign-up records). Send /start if you want to use the bot again.
core-error = Sorry, something went wrong. Please try again later.
core-staff-only = Sorry, this command is for community staff only.
core-admin-only = Sorry, this command is for admins only.
core-staff-usage = Usage: /staff add user-id or /staff remove user-id. A user id is a number: it is shown beside each name on a sign-up list (/signups notice-id) and in the sign-ups file of /export; /staff alone lists the current staff with their ids.
core-staff-added = ✅ User { $id } is now staff.
core-staff-already = User { $id } is already staff or an admin.
core-staff-removed = ✅ User { $id } is no longer staff.
core-staff-not = User { $id } is not staff.
core-staff-is-admin = User { $id } is an admin (configured in ADMIN_IDS) and cannot be removed here.
core-staff-list = Admins and staff:
core-unknown-command = I don't know that command. Send /help to see what I can do.
# the community named in greetings when data/community.json names none
core-community-generic = the community
